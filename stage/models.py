from stage.broadcasts import Broadcast
from stage.teams import Membership, Team

__all__ = ["Broadcast", "Membership", "Team"]
