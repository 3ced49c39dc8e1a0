// Editing together. Once a second the page's pulse (stage/views/together.py) says who else is
// on the broadcast and the show's version; an unchanged answer is a 304 without a body. When
// the version moves, the page fetches itself and takes in what changed, region by region
// ([data-live]) and row by row ([data-live-rows]), never touching a form the user has open or
// has typed into, nor the scroll position. An open form whose row someone else saved says so
// at once, with their values.
(() => {
  const bar = document.getElementById("together");
  if (!bar) return;
  let version = bar.dataset.version;
  let etag = null;
  let busy = false;
  let ticks = 0;
  let held = []; // regions left as they were because the user was working in them
  const sources = new WeakMap(); // element -> the HTML it was made from

  const openForm = () => document.querySelector("tr.editing[data-id], #broadcast-form");

  function editing() {
    const form = openForm();
    if (!form) return "";
    return form.id === "broadcast-form" ? "0" : form.dataset.id;
  }

  function dirty(root) {
    for (const el of root.querySelectorAll("input, textarea, select")) {
      if (el.type === "hidden" || el.type === "submit") continue;
      if (el.type === "checkbox" || el.type === "radio") {
        if (el.checked !== el.defaultChecked) return true;
      } else if (el.tagName === "SELECT") {
        if ([...el.options].some((o) => o.selected !== o.defaultSelected)) return true;
      } else if (el.value !== el.defaultValue) return true;
    }
    return false;
  }

  // A region the user is working in stays as it is until they are done with it.
  function inUse(el) {
    const active = document.activeElement;
    const typing = active && el.contains(active) && active.matches("input, textarea, select");
    return typing || el.dataset.dragging || el.querySelector("tr.editing") || dirty(el);
  }

  // Each answer masks the CSRF token anew (Django's BREACH defence): not a change. Nor is the
  // "Saved" that the answer to the user's own save shows and the page itself never holds.
  const TOKEN = /name="csrfmiddlewaretoken" value="[^"]*"/g;
  const SAVED = /<(span|p) class="saved" role="status">[^<]*<\/\1>/g;
  const html = (el) => el.outerHTML.replace(TOKEN, "").replace(SAVED, "");

  // An htmx request of the user's (opening a form, saving) swaps into the element it was
  // sent from: that element must still be there when the answer comes.
  const inFlight = () => document.querySelector(".htmx-request") !== null;

  function sourceOf(el) {
    return sources.get(el) ?? html(el);
  }

  function adopt(fresh) {
    const el = document.importNode(fresh, true);
    sources.set(el, html(fresh));
    return el;
  }

  // The rows as the server has them now, keeping the row with an open form where it is (moving
  // it would take the focus away) and every row that did not change.
  function mergeRows(tbody, fresh) {
    const old = new Map([...tbody.children].map((row) => [row.id, row]));
    const added = [];
    const next = [...fresh.children].map((row) => {
      const mine = old.get(row.id);
      if (mine && (mine.classList.contains("editing") || sourceOf(mine) === html(row))) {
        return mine;
      }
      const el = adopt(row);
      added.push(el);
      return el;
    });
    for (const row of old.values()) {
      if (row.classList.contains("editing") && !next.includes(row)) next.push(row);
    }
    const keep = new Set(next);
    for (const row of [...tbody.children]) if (!keep.has(row)) row.remove();
    const fixed = next.find((row) => row.isConnected && row.classList.contains("editing"));
    const k = fixed ? next.indexOf(fixed) : -1;
    for (let i = k - 1, before = fixed; i >= 0; before = next[i], i--) {
      if (next[i].nextElementSibling !== before) tbody.insertBefore(next[i], before);
    }
    for (let i = k + 1, after = fixed; i < next.length; after = next[i], i++) {
      const want = after ? after.nextElementSibling : tbody.firstElementChild;
      if (next[i] !== want) tbody.insertBefore(next[i], want);
    }
    for (const row of added) htmx.process(row);
  }

  // An open form whose row someone else saved (or deleted) says so, with their values.
  async function warnOpenForms(doc) {
    for (const form of document.querySelectorAll("form[data-changes]")) {
      const slot = form.querySelector(".their-changes");
      const fresh = doc.getElementById(form.dataset.of);
      if (!fresh) {
        slot.textContent = form.dataset.gone;
        continue;
      }
      const read = form.querySelector("input[name$='version']")?.value;
      const now = fresh.dataset.version;
      if (!read || Number(now) <= Number(read) || form.dataset.noticed === now) continue;
      form.dataset.noticed = now;
      const url = new URL(form.dataset.changes, location.href);
      url.searchParams.set("since", read);
      const response = await fetch(url, { cache: "no-store", headers: { "HX-Request": "true" } });
      if (response.ok && !response.redirected) slot.innerHTML = await response.text();
    }
  }

  // The page as it is now: its own URL with its query (a thread's ?on=, the paper), but not
  // an ?edit= that opened a form (the open form stays as it is).
  function pageUrl() {
    const url = new URL(bar.dataset.refresh, location.href);
    url.searchParams.delete("edit");
    return url;
  }

  async function refresh(now) {
    version = now; // whatever happens next, this version is not fetched again
    const response = await fetch(pageUrl(), { cache: "no-store" });
    if (!response.ok || response.redirected) return;
    const doc = new DOMParser().parseFromString(await response.text(), "text/html");
    if (inFlight()) {
      version = null; // the user's own request is on its way: take this in on the next pulse
      return;
    }
    const x = window.scrollX;
    const y = window.scrollY;
    held = [];
    for (const region of document.querySelectorAll("[data-live]")) {
      const fresh = doc.getElementById(region.id);
      if (!fresh || sourceOf(region) === html(fresh)) continue;
      if (region.dataset.dragging) {
        held.push(region); // a row is being dragged: Sortable holds it
      } else if (region.hasAttribute("data-live-rows")) {
        mergeRows(region, fresh);
      } else if (inUse(region)) {
        held.push(region);
      } else {
        const el = adopt(fresh);
        region.replaceWith(el);
        htmx.process(el);
        htmx.trigger(el, "htmx:load", { elt: el });
      }
    }
    window.scrollTo(x, y);
    markEditing();
    await warnOpenForms(doc);
  }

  async function pulse() {
    ticks += 1;
    if (busy || (document.hidden && ticks % 5)) return;
    const done = (region) => !region.isConnected || !inUse(region);
    if (held.length && held.every(done) && !inFlight()) {
      busy = true; // the user is done there: take in what they were shown as it was
      try {
        await refresh(version);
      } finally {
        busy = false;
      }
      return;
    }
    busy = true;
    try {
      const url = new URL(bar.dataset.pulse, location.href);
      const row = editing();
      if (row) url.searchParams.set("editing", row);
      const headers = etag ? { "If-None-Match": etag } : {};
      const response = await fetch(url, { cache: "no-store", headers });
      if (response.redirected || response.status === 404) return stop(); // logged out, or gone
      if (response.status !== 200) return;
      etag = response.headers.get("ETag");
      bar.innerHTML = await response.text();
      markEditing();
      ringBell();
      const now = bar.querySelector("[data-show-version]")?.dataset.showVersion;
      // Versions only count up: a pulse answered before the user's own write is no news.
      if (now && Number(now) > Number(version) && !inFlight()) await refresh(now);
    } catch {
      // offline for a moment: the next pulse tries again
    } finally {
      busy = false;
    }
  }

  // The bell's count, as the pulse last told it.
  function ringBell() {
    const bell = document.querySelector(".bell");
    const fresh = bar.querySelector("[data-unread] .bell-count");
    if (!bell) return;
    bell.querySelector(".bell-count")?.remove();
    if (fresh) bell.append(fresh.cloneNode(true));
  }

  // "小鹿 正在编辑" on the rows others have open on this page.
  function markEditing() {
    for (const badge of document.querySelectorAll(".editing-by")) badge.remove();
    for (const person of bar.querySelectorAll("[data-editing]")) {
      const row = person.dataset.editing === "0"
        ? document.querySelector("#details h1, #broadcast-form h1")
        : document.querySelector(`#row-${CSS.escape(person.dataset.editing)} > td:nth-child(2)`);
      if (!row) continue;
      const badge = document.createElement("span");
      badge.className = "editing-by";
      badge.textContent = person.dataset.editingLabel;
      row.append(badge);
    }
  }

  const timer = setInterval(pulse, 1000);
  function stop() {
    clearInterval(timer);
  }
  pulse();
  // The answer to a write of the user's own that shows all it changed names the show's
  // version it moved from and to (STAGE-Version): a page that was at the first has missed
  // nothing else, and need not fetch itself again.
  document.addEventListener("htmx:afterRequest", (event) => {
    const moved = event.detail.xhr?.getResponseHeader("STAGE-Version");
    const [from, to] = (moved || "").split(" ");
    if (to && version === from) version = to;
  });
  // Opening or closing a form tells the others at once: once per frame, however many
  // elements settle in it (a length edit's answer moves the clock of every later row).
  let settled = false;
  document.addEventListener("htmx:afterSettle", () => {
    if (settled) return;
    settled = true;
    requestAnimationFrame(() => {
      settled = false;
      etag = null;
      markEditing();
      if (!busy) pulse();
    });
  });
  // Clicking "Take theirs" puts their value into the field.
  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-take]");
    if (!button) return;
    const field = button.form?.elements.namedItem(button.dataset.take);
    if (!field) return;
    if (field.type === "checkbox") field.checked = button.dataset.value === "True";
    else field.value = button.dataset.value;
    field.dispatchEvent(new Event("input", { bubbles: true }));
    button.disabled = true;
    button.textContent = button.dataset.taken;
  });
  window.addEventListener("pagehide", () => {
    const token = JSON.parse(document.body.getAttribute("hx-headers") || "{}")["x-csrftoken"];
    const data = new FormData();
    if (token) data.append("csrfmiddlewaretoken", token);
    navigator.sendBeacon(bar.dataset.pulse, data);
  });
})();
