from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import path, register_converter
from django.views.i18n import set_language

from stage.views import (
    accounts,
    broadcasts,
    checklists,
    comments,
    control,
    history,
    library,
    live,
    order,
    review,
    runsheet,
    share,
    sheet_import,
    teams,
    together,
    transfer,
    week,
    workflow,
)


class LetterConverter:
    """One of the five STAGE letters."""

    regex = "[TASGE]"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(LetterConverter, "letter")
LETTER = "b/<int:pk>/<letter:letter>/"

urlpatterns = [
    path("", broadcasts.broadcast_list, name="broadcast_list"),
    path("b/new/", broadcasts.broadcast_new, name="broadcast_new"),
    path("b/import/", transfer.broadcast_import, name="broadcast_import"),
    path("b/import/sheet/", sheet_import.shows_import, name="shows_import"),
    path("b/<int:pk>/", broadcasts.broadcast_detail, name="broadcast_detail"),
    path("b/<int:pk>/duplicate/", workflow.broadcast_duplicate, name="broadcast_duplicate"),
    path("b/<int:pk>/next/", workflow.next_show, name="next_show"),
    path("b/<int:pk>/S/library/", library.lineup_draw, name="lineup_draw"),
    path("library/", library.library, name="library"),
    path("library/import/", library.library_import, name="library_import"),
    path("library/<int:item_id>/", library.library_item, name="library_item"),
    path("library/<int:item_id>/delete/", library.library_delete, name="library_delete"),
    path("b/<int:pk>/pulse/", together.broadcast_pulse, name="broadcast_pulse"),
    path("b/<int:pk>/history/", history.broadcast_history, name="broadcast_history"),
    path(
        "b/<int:pk>/history/<slug:model>/<int:history_id>/restore/",
        history.history_restore,
        name="history_restore",
    ),
    path("b/<int:pk>/lock/", workflow.broadcast_lock, name="broadcast_lock"),
    path("b/<int:pk>/template/", workflow.template_save, name="template_save"),
    path("templates/", workflow.template_list, name="template_list"),
    path("templates/<int:template_id>/use/", workflow.template_use, name="template_use"),
    path("templates/<int:template_id>/delete/", workflow.template_delete, name="template_delete"),
    path("week/", week.week, name="week"),
    path("trash/", workflow.trash, name="trash"),
    path("trash/<int:pk>/restore/", workflow.trash_restore, name="trash_restore"),
    path("b/<int:pk>/edit/", broadcasts.broadcast_edit, name="broadcast_edit"),
    path("b/<int:pk>/delete/", broadcasts.broadcast_delete, name="broadcast_delete"),
    path("b/<int:pk>/export.json", transfer.broadcast_export_json, name="broadcast_json"),
    path("b/<int:pk>/ready/", checklists.broadcast_ready, name="broadcast_ready"),
    path("b/<int:pk>/A/plan/", checklists.ad_plan_save, name="ad_plan_save"),
    path("b/<int:pk>/run-sheet/", runsheet.runsheet, name="runsheet"),
    path("b/<int:pk>/run-sheet.pdf", runsheet.runsheet_pdf, name="runsheet_pdf"),
    path("b/<int:pk>/run-sheet.xlsx", runsheet.runsheet_xlsx, name="runsheet_xlsx"),
    path("b/<int:pk>/run-sheet.csv", runsheet.runsheet_csv, name="runsheet_csv"),
    path("b/<int:pk>/actuals/", review.actuals_edit, name="actuals_edit"),
    path("b/<int:pk>/review/", review.review, name="review"),
    path("b/<int:pk>/conclusions/", review.review_conclusions, name="review_conclusions"),
    path("b/<int:pk>/review.pdf", review.review_pdf, name="review_pdf"),
    path("b/<int:pk>/review.xlsx", review.review_xlsx, name="review_xlsx"),
    path("b/<int:pk>/live/", live.live_operator, name="live_operator"),
    path("b/<int:pk>/live/control/", live.live_control, name="live_control"),
    path("b/<int:pk>/live/screen/", live.live_screen, name="live_screen"),
    path("b/<int:pk>/live/phone/", live.live_phone, name="live_phone"),
    path("b/<int:pk>/live/cues/<int:cue_id>/done/", control.live_cue_done, name="live_cue_done"),
    path("b/<int:pk>/live/message/", control.live_message, name="live_message"),
    path("b/<int:pk>/live/stock/", control.live_stock, name="live_stock"),
    path("b/<int:pk>/cues/", control.cue_list, name="cue_list"),
    path("b/<int:pk>/cues/generate/", control.cues_generate, name="cues_generate"),
    path("b/<int:pk>/cues/<int:cue_id>/", control.cue_update, name="cue_update"),
    path("b/<int:pk>/cues/<int:cue_id>/delete/", control.cue_delete, name="cue_delete"),
    path("b/<int:pk>/share/", share.share_links, name="share_links"),
    path("b/<int:pk>/share/<int:link_id>/revoke/", share.share_revoke, name="share_revoke"),
    path("s/<str:token>/", share.shared_runsheet, name="shared_runsheet"),
    path("s/<str:token>/run-sheet.pdf", share.shared_runsheet_pdf, name="shared_runsheet_pdf"),
    path("s/<str:token>/screen/", share.shared_screen, name="shared_screen"),
    path("s/<str:token>/phone/", share.shared_phone, name="shared_phone"),
    path(LETTER, checklists.checklist, name="checklist"),
    path(LETTER + "rows/", checklists.row_create, name="row_create"),
    path(LETTER + "rows/<int:row_id>/", checklists.row_update, name="row_update"),
    path(LETTER + "rows/<int:row_id>/delete/", checklists.row_delete, name="row_delete"),
    path(LETTER + "rows/<int:row_id>/dismiss/", review.carried_dismiss, name="carried_dismiss"),
    path(LETTER + "rows/<int:row_id>/move/", order.row_move, name="row_move"),
    path(LETTER + "reorder/", order.reorder, name="reorder"),
    path(LETTER + "signoff/", checklists.signoff, name="signoff"),
    path(LETTER + "signoff/request/", comments.signoff_request, name="signoff_request"),
    path("b/<int:pk>/comments/", comments.thread, name="comments"),
    path(
        "b/<int:pk>/comments/<int:comment_id>/resolve/",
        comments.comment_resolve,
        name="comment_resolve",
    ),
    path("notifications/", comments.notifications, name="notifications"),
    path("notifications/read/", comments.notifications_read, name="notifications_read"),
    path(
        "notifications/<int:notification_id>/open/",
        comments.notification_open,
        name="notification_open",
    ),
    path("b/<int:pk>/T/import/", sheet_import.segments_import, name="segments_import"),
    path("team/", teams.team_detail, name="team_detail"),
    path("team/members/<int:pk>/role/", teams.member_role, name="member_role"),
    path("team/members/<int:pk>/remove/", teams.member_remove, name="member_remove"),
    path("team/presets/", teams.presets_save, name="presets_save"),
    path("team/switch/", teams.team_switch, name="team_switch"),
    path("team/leave/", teams.team_leave, name="team_leave"),
    path("team/members/<int:pk>/hand-over/", teams.member_hand_over, name="member_hand_over"),
    path("profile/", accounts.profile, name="profile"),
    path("teams/new/", teams.team_new, name="team_new"),
    path("login/", accounts.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("signup/", accounts.signup, name="signup"),
    path("invite/<str:token>/", accounts.invitation, name="invitation"),
    path("team/invitations/", accounts.invite_create, name="invite_create"),
    path("team/invitations/<int:pk>/revoke/", accounts.invite_revoke, name="invite_revoke"),
    path("password/reset/", accounts.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("password/change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
]
