"""What a browser submits from an admin edit form: every named input, in document order."""

from html.parser import HTMLParser


class _FormInputs(HTMLParser):
    """Collects (name, value) of the inputs inside the form with the given id."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = False
        self.inputs = []
        self._select = None
        self._textarea = None
        self._templates = 0  # inside <template>: a pattern for scripts, never submitted

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "template":
            self._templates += 1
        if self._templates:
            return
        if tag == "form":
            self.in_form = attrs.get("id") == self.form_id
            return
        if tag == "option" and self._select is not None:
            self._select["options"].append((attrs.get("value", ""), "selected" in attrs))
            return
        if not self.in_form or "name" not in attrs or "disabled" in attrs:
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in {"submit", "button", "reset", "file", "image"}:
                return  # sent only when pressed, or not as text
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self.inputs.append((attrs["name"], attrs.get("value") or ""))
        elif tag == "select":
            self._select = {"name": attrs["name"], "multiple": "multiple" in attrs, "options": []}
        elif tag == "textarea":
            self._textarea = [attrs["name"], ""]

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "template":
            self._templates -= 1
        elif tag == "form":
            self.in_form = False
        elif tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            # Browsers drop the newline that starts a textarea's content.
            self.inputs.append((name, text.removeprefix("\n")))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            name, options = self._select["name"], self._select["options"]
            chosen = [value for value, selected in options if selected]
            if not chosen and options and not self._select["multiple"]:
                chosen = [options[0][0]]  # a single choice list sends its first option
            self.inputs.extend((name, value) for value in chosen)
            self._select = None


def form_inputs(html, form_id="page-edit-form"):
    """[(name, value)] of the form's text, hidden, checked and textarea inputs, in order.

    Enough for the fields rendered as plain inputs and lists (choosers are hidden inputs); a
    field drawn by the admin's scripts (StreamField) is not in the HTML and must be added.
    """
    parser = _FormInputs(form_id)
    parser.feed(html)
    return parser.inputs


def as_submitted(html, data, form_id="page-edit-form"):
    """The POST a browser sends after an editor types `data` into the rendered form.

    Every input the form renders is sent. An editor fills in the first input of a name, the
    one they see; any other input of the same name goes with what it was rendered with, as
    a browser sends it. Keys of `data` the HTML has no input for (fields built by scripts)
    are added as they are. Returns {name: [values]} for Django's test client.
    """
    submitted = {}
    for name, value in form_inputs(html, form_id):
        submitted.setdefault(name, []).append(value)
    for name, value in data.items():
        values = value if isinstance(value, list) else [value]
        rendered = submitted.get(name, [])
        submitted[name] = [*values, *rendered[len(values) :]] if rendered else values
    return submitted
