from stage.accounts import Attempt, Invitation, Profile
from stage.actuals import ShowActuals
from stage.broadcasts import Broadcast
from stage.checklists.adspend import AdPlan, AdSlot
from stage.checklists.giveaways import Giveaway
from stage.checklists.lineup import Product
from stage.checklists.signoff import SignOff
from stage.checklists.timing import Segment
from stage.checklists.warmup import WarmupItem
from stage.comments import Comment, Notification
from stage.control import Cue, HostMessage, MessagePresets, StockEntry
from stage.library import CatalogueItem
from stage.paper.kept import Paper
from stage.presence import Presence
from stage.sharing import ShareLink
from stage.sheets.receipts import ImportReceipt
from stage.showtemplates import ShowTemplate
from stage.teams import Membership, Team

__all__ = [
    "Attempt",
    "Invitation",
    "Profile",
    "AdPlan",
    "AdSlot",
    "Broadcast",
    "CatalogueItem",
    "Comment",
    "Notification",
    "Paper",
    "Cue",
    "HostMessage",
    "ImportReceipt",
    "MessagePresets",
    "StockEntry",
    "Giveaway",
    "Membership",
    "Presence",
    "Product",
    "Segment",
    "ShareLink",
    "ShowActuals",
    "ShowTemplate",
    "SignOff",
    "Team",
    "WarmupItem",
]
