// Progressive enhancement only: every page works without this file.
(function () {
    "use strict";

    document.documentElement.classList.replace("no-js", "js");

    // On narrow screens, fold the primary navigation behind a "Menu" button.
    function setUpMenu() {
        var toggle = document.querySelector(".primary-nav__toggle");
        var list = document.getElementById("primary-nav-list");
        if (!toggle || !list) {
            return;
        }
        var narrow = window.matchMedia("(max-width: 47.99em)");

        function setOpen(open) {
            toggle.setAttribute("aria-expanded", open ? "true" : "false");
            list.setAttribute("data-collapsed", open ? "false" : "true");
        }

        function onWidthChange() {
            toggle.hidden = !narrow.matches;
            setOpen(!narrow.matches);
        }

        toggle.addEventListener("click", function () {
            setOpen(toggle.getAttribute("aria-expanded") !== "true");
        });
        document.addEventListener("keydown", function (event) {
            if (event.key === "Escape" && narrow.matches && toggle.getAttribute("aria-expanded") === "true") {
                setOpen(false);
                toggle.focus();
            }
        });
        narrow.addEventListener("change", onWidthChange);
        onWidthChange();
    }

    // Closed <details> would print empty: open them all for printing.
    function setUpPrint() {
        window.addEventListener("beforeprint", function () {
            document.querySelectorAll("details:not([open])").forEach(function (details) {
                details.setAttribute("open", "");
                details.setAttribute("data-opened-for-print", "");
            });
        });
        window.addEventListener("afterprint", function () {
            document.querySelectorAll("details[data-opened-for-print]").forEach(function (details) {
                details.removeAttribute("open");
                details.removeAttribute("data-opened-for-print");
            });
        });
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", function () {
            setUpMenu();
            setUpPrint();
        });
    } else {
        setUpMenu();
        setUpPrint();
    }
})();
