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
  // A length or hard-start edit's new clock times for the rows after it, in one go (one
  // out-of-band swap per cell took 5 ms each: 2.5 s at 1,000 segments).
  const times = (root.id === "clock-times" ? root : root.querySelector?.("#clock-times"))
    ?.querySelector("template");
  if (times) {
    for (const cell of times.content.querySelectorAll("td[id]")) {
      document.getElementById(cell.id)?.replaceWith(cell);
    }
    times.remove();
  }
  // A long show's PDF, made by the task worker: it downloads as soon as it is ready.
  root.querySelectorAll("[data-autodownload]").forEach((link) => {
    if (link.dataset.done) return;
    link.dataset.done = "1";
    link.click();
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

// A request that fails says so where the user looks (issue 18: a save that failed did nothing
// visible). A form keeps what was typed and gets the message at its top; anything else gets
// the bar at the bottom. The live views say "connection lost" with the age of what they show.
const trouble = () => document.getElementById("request-trouble");

function troubleText(status, read) {
  const kind = status === 0 ? "offline" : status === 403 ? "forbidden"
    : status === 404 || status === 410 ? "gone" : "failed";
  const bar = trouble();
  return (kind !== "forbidden" && read && bar.dataset[`${kind}Read`]) || bar.dataset[kind];
}

function requestFailed(event, status) {
  const elt = event.detail.elt;
  if (!trouble() || livePoll(event)) return; // a live view says how old its data is
  const read = (event.detail.requestConfig?.verb || "get") === "get";
  const text = troubleText(status, read);
  const form = !read && elt.closest("form");
  if (form) {
    let note = form.querySelector(":scope > .request-error");
    if (!note) {
      note = document.createElement("p");
      note.className = "form-error request-error";
      note.setAttribute("role", "alert");
      form.prepend(note);
    }
    note.textContent = text;
    return;
  }
  trouble().querySelector(".trouble-text").textContent = text;
  trouble().hidden = false;
}
document.addEventListener("htmx:sendError", (event) => requestFailed(event, 0));
document.addEventListener("htmx:responseError", (event) => requestFailed(event, event.detail.xhr.status));
document.addEventListener("htmx:afterRequest", (event) => {
  if (!event.detail.successful) return;
  event.detail.elt.closest("form")?.querySelector(":scope > .request-error")?.remove();
});
document.addEventListener("click", (event) => {
  const close = event.target.closest && event.target.closest("#request-trouble [data-dismiss]");
  if (close) trouble().hidden = true;
});

// A live view polls every second; when its answers stop, it says since when it has none.
// (Once swapped out, the element that polled has lost its id: the poll is known by its URL.)
function livePoll(event) {
  const live = document.getElementById("live");
  return Boolean(live) && event.detail.requestConfig?.path === live.getAttribute("hx-get");
}
let liveHeard = Date.now();
document.addEventListener("htmx:afterRequest", (event) => {
  if (event.detail.successful && livePoll(event)) liveHeard = Date.now();
});
function checkLiveAge() {
  const live = document.getElementById("live");
  if (!live || !trouble()) return;
  const silent = Math.round((Date.now() - liveHeard) / 1000);
  let lost = document.getElementById("live-lost");
  if (silent < 4) {
    lost?.remove();
    live.classList.remove("stale");
    return;
  }
  if (!lost) {
    lost = document.createElement("p");
    lost.id = "live-lost";
    lost.className = "live-lost";
    lost.setAttribute("role", "alert");
    live.before(lost);
  }
  const age = `${Math.floor(silent / 60)}:${String(silent % 60).padStart(2, "0")}`;
  lost.textContent = trouble().dataset.lost.replace("{age}", age);
  live.classList.add("stale");
}
setInterval(checkLiveAge, 1000);
