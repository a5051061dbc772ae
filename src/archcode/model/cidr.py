"""Address ranges as AWS reads them: one test for "anywhere", shared by every source and rule."""

from __future__ import annotations

import ipaddress


def is_anywhere(cidr: str) -> bool:
    """The range holds every address of its family: 0.0.0.0/0 or ::/0 in any spelling.

    AWS parses ranges, so ``0000:0000::/0``, ``0::0/0`` and ``0.0.0.0/00`` all mean the whole
    internet; a prefix length of 0 is the test (host bits do not narrow a /0). Text that is not
    an address range is not "anywhere".
    """
    try:
        return ipaddress.ip_network(cidr.strip(), strict=False).prefixlen == 0
    except ValueError:
        return False
