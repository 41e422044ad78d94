"""The review step of the editorial workflow: moderators approve, never their own work."""

from django.core.exceptions import PermissionDenied
from wagtail.models import GroupApprovalTask


class ModeratorApprovalTask(GroupApprovalTask):
    """Group approval in which nobody, superusers included, reviews their own submission."""

    def start(self, workflow_state, user=None):
        """Open the review, naming the submitter as the one to leave out of the emails."""
        # Wagtail emails the task's groups except the user passed on here. When approving an
        # outdated revision starts the review again, that user is the approver, and a
        # moderator who submitted their own page would be asked to approve it.
        return super().start(workflow_state, user=workflow_state.requested_by or user)

    def get_actions(self, obj, user):
        """Approve and request changes for the task's groups, nothing for the submitter."""
        # Every admin view (action menu, dashboard, workflow action URLs, the edit form's
        # workflow action) builds and validates the offered actions from this list.
        if self.is_submitter(obj, user):
            return []
        return super().get_actions(obj, user)

    def on_action(self, task_state, user, action_name, **kwargs):
        """Refuse a review by the submitter whatever the caller checked beforehand."""
        if user is not None and task_state.workflow_state.requested_by_id == user.pk:
            raise PermissionDenied("Nobody can review their own submission.")
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        """Reviews waiting for this user, leaving out what they submitted themselves."""
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        return states.exclude(workflow_state__requested_by=user)

    @staticmethod
    def is_submitter(obj, user):
        """Whether this user sent the object's current workflow on its way."""
        state = obj.current_workflow_state
        return state is not None and state.requested_by_id == user.pk

    @classmethod
    def get_description(cls):
        """What this task type does, shown when staff choose a task type."""
        return "Members of the chosen groups approve, except the person who submitted the page."

    class Meta:
        verbose_name = "moderator approval task"
        verbose_name_plural = "moderator approval tasks"
