# SPDX-License-Identifier: GPL-2.0-only
"""The packet vectors, one file per RFC (section of conformance.md):
importing this package declares them all, in this order."""
from . import rfc6052		# noqa: F401  section 1
from . import rfc7915_46	# noqa: F401  section 2, IPv4 -> IPv6
from . import rfc7915_icmp46	# noqa: F401  section 2, ICMPv4 -> ICMPv6
from . import rfc7915_64	# noqa: F401  section 2, IPv6 -> IPv4
from . import rfc7915_icmp64	# noqa: F401  section 2, ICMPv6 -> ICMPv4
from . import rfc6146		# noqa: F401  section 3, stateful NAT64
from . import behave		# noqa: F401  section 7, NAT behaviour
from . import rfc6877		# noqa: F401  section 4, 464XLAT CLAT
from . import rfc7757		# noqa: F401  section 4, EAM
from . import rfc6791		# noqa: F401  section 4, ICMP source pool
from . import rfc7422		# noqa: F401  section 9, deterministic NAT
from . import pba		# noqa: F401  section 9, port-block allocation
from . import examples		# noqa: F401  section 11, worked examples
