"""What an editor does in the Wagtail admin, step by step, waiting on what the editor sees."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import EDITOR_PASSWORD, EDITOR_USERNAME

# True once the editor is quiet: no autosave running or queued, no change still unsaved.
# The save indicator ("Saving…", "Saved") shows the first; Wagtail's unsaved-changes tracker
# (w-unsaved) holds the second: the form as it was last saved, which it compares with the
# form as it is every half second, before asking autosave to save the difference.
EDITOR_IS_QUIET = """() => {
    const form = document.querySelector("form[data-edit-form]");
    const unsaved = form && window.wagtail.app.getControllerForElementAndIdentifier(
        form, "w-unsaved"
    );
    const indicator = document.getElementById("w-autosave-indicator");
    const saving = indicator && indicator.dataset.wAutosaveStateValue === "saving";
    return Boolean(unsaved && unsaved.initialFormData !== undefined && !saving
        && unsaved.formData === unsaved.initialFormData);
}"""


def log_in(page, username=EDITOR_USERNAME, password=EDITOR_PASSWORD):
    """Sign in to the Wagtail admin through its login form."""
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def add_block(body, name):
    """Append a block through the StreamField's last "+" inserter; return the new block."""
    blocks = body.get_by_role("region")
    count = blocks.count()
    body.get_by_role("button", name="Insert a block").last.click()
    body.page.get_by_role("option", name=name, exact=True).click()
    expect(blocks).to_have_count(count + 1)
    return blocks.last


def wait_until_saved(page):
    """Wait until autosave has saved everything typed so far and nothing is on its way.

    Autosave creates a new page as a draft (and turns the address into its edit view) while
    the editor types; pressing an action button while that request is still out races it.
    A careful editor waits for "Saved"; so do the tests.
    """
    page.wait_for_function(EDITOR_IS_QUIET)


def footer_action(page, name, outcome):
    """Press an action in the menu at the foot of the editor, once quiet; wait for `outcome`.

    Wagtail's editing-sessions check may take this editor's own autosave for a version saved
    "in another window" (its ping can answer with the revision's time from before the last
    autosave) and ask before overwriting it. The editor then proceeds with the same action,
    as the dialog offers; either way the test waits for what the editor sees next.
    """
    wait_until_saved(page)
    footer = page.get_by_role("navigation", name="Actions (footer)")
    footer.get_by_role("button", name="More actions").click()
    footer.get_by_role("button", name=name).click()
    conflict = page.get_by_role("dialog", name=re.compile("saved a new version"))
    expect(outcome.or_(conflict)).to_be_visible()
    if conflict.is_visible():
        conflict.get_by_role("button", name=name).click()
        expect(outcome).to_be_visible()


def choose_image(page, field_heading, image_title):
    """Choose an image from the library in the chooser of the field with this heading."""
    field = page.get_by_role("region", name=field_heading)
    field.get_by_role("button", name="Choose an image").click()
    # The chooser modal has no accessible name of its own: find it by its heading.
    heading = page.get_by_role("heading", name="Choose an image")
    dialog = page.get_by_role("dialog").filter(has=heading)
    dialog.get_by_role("link", name=image_title).click()
    expect(dialog).to_be_hidden()
    expect(field).to_contain_text(image_title)
    return field
