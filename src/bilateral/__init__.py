"""bilateral: how do two territories trade, and how is that changing?"""

from bilateral.api import Store, open
from bilateral.errors import BilateralError

__all__ = ["BilateralError", "Store", "open"]
__version__ = "0.1.0"
