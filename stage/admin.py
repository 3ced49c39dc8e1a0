from django.contrib import admin

from stage.broadcasts import Broadcast
from stage.teams import Membership, Team


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "time_zone", "created"]
    list_filter = ["time_zone"]
    search_fields = ["name"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "team", "role", "created"]
    list_filter = ["role", "team"]
    search_fields = ["user__username", "team__name"]
    list_select_related = ["user", "team"]


@admin.register(Broadcast)
class BroadcastAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "team",
        "platform",
        "scheduled_start",
        "planned_minutes",
        "gmv_target",
        "status",
    ]
    list_filter = ["status", "platform", "team"]
    search_fields = ["title", "account", "hosts"]
    date_hierarchy = "scheduled_start"
    list_select_related = ["team"]
    readonly_fields = ["ends_at", "created", "updated"]
