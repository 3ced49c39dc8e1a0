// STAGE's own behaviour on top of htmx. No inline code anywhere: the CSP forbids it.

// Escape cancels an inline form: it follows the form's cancel link (htmx or plain).
document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  const form = event.target.closest && event.target.closest("form[data-escape]");
  const cancel = form && form.querySelector("[data-cancel]");
  if (cancel) {
    event.preventDefault();
    cancel.click();
  }
});

// htmx copies a swapped element's old attributes while it settles. Inline styles left by
// Sortable, by browser extensions or by test tools would then be applied again, which the
// strict CSP refuses; they mean nothing to us, so they go before any swap.
function clearInlineStyles(root) {
  if (root.hasAttribute && root.hasAttribute("style")) root.removeAttribute("style");
  root.querySelectorAll("[style]").forEach((el) => el.removeAttribute("style"));
}
document.addEventListener("htmx:beforeSwap", (event) => clearInlineStyles(event.detail.target));

// An inline edit's row comes back without its form (saved or cancelled). Removing the element
// that has the focus makes Chromium restyle the whole page there and then (6-11 ms on a 500-row
// sheet), so the focus leaves first, and goes to the row's Edit link once the row is painted.
document.addEventListener("htmx:beforeSwap", (event) => {
  const row = event.detail.target;
  if (event.detail.xhr.status !== 200 || row.tagName !== "TR") return;
  if (!row.contains(document.activeElement)) return;
  document.activeElement.blur();
  requestAnimationFrame(() => setTimeout(() => {
    const edit = document.getElementById(row.id)?.querySelector(".row-buttons a");
    if (edit) edit.focus();
  }));
});

// A button's data-confirm asks before its form is sent (htmx's hx-confirm asks for a whole form).
document.addEventListener("htmx:confirm", (event) => {
  const trigger = event.detail.triggeringEvent;
  const question = trigger && trigger.submitter && trigger.submitter.dataset.confirm;
  if (!question) return;
  event.preventDefault();
  if (window.confirm(question)) event.detail.issueRequest(true);
});

function enhance(root) {
  // Clock times are the team's: say so when this browser keeps another zone.
  const here = Intl.DateTimeFormat().resolvedOptions().timeZone;
  root.querySelectorAll("[data-tz]").forEach((note) => {
    note.hidden = note.dataset.tz === here;
  });
  // Drag to reorder: the new order of row ids goes to the checklist's reorder URL.
  root.querySelectorAll("[data-sortable]").forEach((tbody) => {
    if (!window.Sortable || tbody.dataset.sortableReady) return;
    tbody.dataset.sortableReady = "1";
    Sortable.create(tbody, {
      handle: ".handle",
      draggable: "tr[data-id]",
      animation: 120,
      forceFallback: true, // mouse and touch events rather than native drag and drop
      // From the press on a row to its drop, what others saved waits (stage/together.js):
      // a row replaced under the pointer would lose Sortable its place.
      onChoose() {
        tbody.dataset.dragging = "1";
      },
      onUnchoose() {
        delete tbody.dataset.dragging;
      },
      onEnd(event) {
        clearInlineStyles(tbody);
        if (event.oldIndex === event.newIndex) return;
        const ids = [...tbody.querySelectorAll("tr[data-id]")].map((tr) => tr.dataset.id);
        htmx.ajax("POST", tbody.dataset.reorderUrl, {
          source: tbody,
          target: "#sheet",
          swap: "outerHTML",
          values: { ids: ids },
        });
      },
    });
  });
  // An inline edit form takes the focus, so Enter and Escape work at once.
  const form = root.matches && root.matches("[data-autofocus]") ? root : root.querySelector("[data-autofocus]");
  const first = form && form.querySelector("input:not([type=hidden]), select, textarea");
  if (first) first.focus();
}

document.addEventListener("DOMContentLoaded", () => enhance(document));
document.addEventListener("htmx:load", (event) => enhance(event.detail.elt));

// A "Print" button: the browser's print dialog with the page's print stylesheet.
document.addEventListener("click", (event) => {
  if (event.target.closest && event.target.closest("[data-print]")) window.print();
});

// Live views: countdowns tick here from the deadlines the server sent, on the server's clock.
// The page's render time and each response's Date header (whole seconds) are never later than
// the server's clock when they arrive, so the largest recent difference is the best estimate of
// how far this device's clock is off. Kept partials carry no clock of their own.
const clockOffsets = [];
function sampleServerClock(serverMs) {
  if (!Number.isFinite(serverMs)) return;
  clockOffsets.push(serverMs - Date.now());
  if (clockOffsets.length > 60) clockOffsets.shift();
}
sampleServerClock(Number(document.querySelector("meta[name=server-now]")?.content));
document.addEventListener("htmx:afterRequest", (event) => {
  sampleServerClock(Date.parse(event.detail.xhr.getResponseHeader("Date")));
});

function tickCountdowns() {
  const live = document.getElementById("live");
  if (!live || !clockOffsets.length) return;
  const now = Date.now() + Math.max(...clockOffsets);
  live.querySelectorAll("[data-deadline]").forEach((el) => {
    const left = Math.round((Number(el.dataset.deadline) - now) / 1000);
    const abs = Math.abs(left);
    const text = `${left < 0 ? "+" : ""}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
    if (el.textContent !== text) el.textContent = text;
    el.classList.toggle("over", left < 0);
  });
}
setInterval(tickCountdowns, 250);
document.addEventListener("htmx:afterSettle", tickCountdowns);

// Show control from the keyboard: → or N for next, ← or P for back.
document.addEventListener("keydown", (event) => {
  if (event.target.closest && event.target.closest("input, textarea, select")) return;
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const key = { ArrowRight: "next", n: "next", N: "next", ArrowLeft: "back", p: "back", P: "back" }[event.key];
  const button = key && document.querySelector(`#live [data-key="${key}"]`);
  if (button) {
    event.preventDefault();
    button.click();
  }
});

// The same question for a plain form (no htmx): the browser's own submit waits for the answer.
document.addEventListener("click", (event) => {
  const button = event.target.closest && event.target.closest("button[data-confirm]");
  if (!button || !button.form || button.form.hasAttribute("hx-post")) return;
  if (!window.confirm(button.dataset.confirm)) event.preventDefault();
});
