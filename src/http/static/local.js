// The local demo page: renders each pane's transcript from the server's event stream and posts what a
// person types or presses. Every text is set with textContent or as text nodes: nothing anyone wrote can
// become HTML; http(s) addresses in a message become links built node by node.
const labels = JSON.parse(document.getElementById("labels").textContent);
// The page was opened with its token in the address; the server has put it in a cookie. Out of the address bar
// (and the history), it is not shared with a screenshot or a copied link.
if (new URLSearchParams(location.search).has("token")) {
  const rest = new URLSearchParams(location.search);
  rest.delete("token");
  history.replaceState(null, "", `${location.pathname}${rest.size ? `?${rest}` : ""}${location.hash}`);
}
const state = new Map(); // pane id -> { el, items: Map(entry id -> { li, text }), replyTo, file, atBottom }

const $ = (root, selector) => root.querySelector(selector);
const el = (tag, className, text) => {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
};

/** An http(s) address in running text; the characters that usually end a sentence are trimmed off below. */
const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"'`]+/gi;
const TRAILING = /[.,;:!?'"»)\]}]$/;

/** The part of `candidate` that is the address: sentence punctuation after it is not, a ")" closing an "(" in it is. */
function trimUrl(candidate) {
  let url = candidate;
  while (TRAILING.test(url)) {
    if (url.endsWith(")") && url.split("(").length >= url.split(")").length) break;
    url = url.slice(0, -1);
  }
  return url;
}

/** A message's text as nodes: text stays text; each http(s) address becomes a link that opens in a new tab. */
function textWithLinks(className, text) {
  const p = el("p", className);
  let last = 0;
  for (const match of text.matchAll(URL_IN_TEXT)) {
    const url = trimUrl(match[0]);
    let href;
    try {
      href = new URL(url);
    } catch {
      continue;
    }
    if (href.protocol !== "http:" && href.protocol !== "https:") continue;
    p.append(document.createTextNode(text.slice(last, match.index)));
    const a = el("a", "inline-link", url);
    a.href = href.href;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    p.append(a);
    last = match.index + url.length;
  }
  p.append(document.createTextNode(text.slice(last)));
  return p;
}

/** Whether a pane's log shows its newest message (a few pixels of slack for rounding). */
const isAtBottom = (log) => log.scrollHeight - log.scrollTop - log.clientHeight < 24;

/** Keeps a pane on its newest message while the person has not scrolled up to read older ones. */
function followNewest(s) {
  const log = $(s.el, ".log");
  if (s.atBottom && log.clientHeight > 0) log.scrollTop = log.scrollHeight;
}

function newId() {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function clientPaneOf(id) {
  const m = /^([a-z0-9][a-z0-9_-]*)-klien-(\d{1,4})$/.exec(id);
  return m ? { org: m[1], n: Number(m[2]) } : null;
}

/** The pane's state, creating a client pane (cloned from the organisation's first) when it is new. */
function pane(id) {
  let s = state.get(id);
  if (s) return s;
  let node = document.querySelector(`.pane[data-pane="${CSS.escape(id)}"]`);
  const client = clientPaneOf(id);
  if (!node && client) {
    const section = document.querySelector(`section.org[data-org="${CSS.escape(client.org)}"]`);
    const model = section && $(section, '.pane[data-kind="client"]');
    if (!model) return null;
    node = model.cloneNode(true);
    node.dataset.pane = id;
    $(node, "h3").textContent = `${section.dataset.clientKind} ${client.n}`;
    $(node, ".log").replaceChildren();
    $(node, ".status").textContent = "";
    $(node, ".replying").hidden = true;
    $(node, ".file-chosen").hidden = true;
    $(node, "textarea").value = "";
    const panes = $(section, ".panes");
    const clients = panes.querySelectorAll('.pane[data-kind="client"]');
    clients[clients.length - 1].after(node);
  }
  if (!node) return null;
  s = { el: node, items: new Map(), replyTo: null, file: null, atBottom: true };
  state.set(id, s);
  const log = $(node, ".log");
  // A hidden pane (another organisation's tab) has no size: what it shows is only known once it is seen.
  log.addEventListener("scroll", () => {
    if (log.clientHeight > 0) s.atBottom = isAtBottom(log);
  });
  // A picture that loads after the message grows the log: stay on the newest message.
  log.addEventListener("load", () => followNewest(s), true);
  return s;
}

function showStatus(s, text, isError) {
  const status = $(s.el, ".status");
  status.textContent = text;
  status.classList.toggle("error", Boolean(isError));
  clearTimeout(s.statusTimer);
  if (text) s.statusTimer = setTimeout(() => (status.textContent = ""), isError ? 8000 : 4000);
}

function render(s, entry) {
  const li = el("li", `msg ${entry.from}`);
  li.dataset.id = entry.id;
  if (entry.replyTo) {
    const quoted = s.items.get(entry.replyTo);
    li.append(el("blockquote", "quote", quoted ? quoted.text.slice(0, 120) || "…" : "…"));
  }
  if (entry.pressed) li.append(el("p", "pressed", `${labels.pressed} ${entry.pressed}`));
  if (entry.text) li.append(textWithLinks("text", entry.text));
  for (const a of entry.attachments) {
    const link = el("a", "file");
    link.href = a.url;
    if (a.kind === "photo") {
      const img = el("img");
      img.src = a.url;
      img.alt = a.name;
      link.append(img);
    } else {
      link.textContent = `${labels.attached} ${a.name}`;
      link.setAttribute("download", a.name);
    }
    li.append(link);
  }
  for (const l of entry.links) {
    if (!/^https?:\/\//i.test(l.url)) continue;
    const link = el("a", "link", l.label || l.url);
    link.href = l.url;
    link.target = "_blank";
    link.rel = "noopener noreferrer";
    li.append(link);
  }
  if (entry.buttons.length) {
    const row = el("div", "buttons");
    for (const b of entry.buttons) {
      const button = el("button", "choice", b.label);
      button.type = "button";
      button.dataset.button = b.id;
      row.append(button);
    }
    li.append(row);
  }
  const meta = el("div", "meta");
  const time = new Date(entry.at).toLocaleTimeString(labels.lang === "en" ? "en-GB" : "id-ID", { hour: "2-digit", minute: "2-digit" });
  meta.append(el("span", "who", `${entry.from === "bot" ? labels.bot : labels.you} · ${time}${entry.edited ? ` ${labels.edited}` : ""}`));
  const reply = el("button", "reply-action", labels.reply);
  reply.type = "button";
  meta.append(reply);
  li.append(meta);
  return li;
}

function upsert(paneId, entry) {
  const s = pane(paneId);
  if (!s) return;
  const li = render(s, entry);
  const old = s.items.get(entry.id);
  const log = $(s.el, ".log");
  if (old) old.li.replaceWith(li);
  else log.append(li);
  s.items.set(entry.id, { li, text: entry.text || entry.pressed || entry.attachments.map((a) => a.name).join(", ") });
  followNewest(s);
}

function onEvent(event) {
  if (event.type === "snapshot") {
    // A snapshot comes on load and after a reconnect: a pane scrolled up to older messages keeps its place.
    const kept = new Map();
    for (const [id, s] of state) {
      const log = $(s.el, ".log");
      kept.set(id, log.scrollTop);
      log.replaceChildren();
      s.items.clear();
    }
    for (const p of event.panes) {
      pane(p.pane);
      for (const entry of p.entries) upsert(p.pane, entry);
    }
    for (const [id, s] of state) if (!s.atBottom && kept.has(id)) $(s.el, ".log").scrollTop = kept.get(id);
  } else if (event.type === "pane") pane(event.pane);
  else if (event.type === "message" || event.type === "edit") upsert(event.pane, event.entry);
}

async function post(url, body) {
  try {
    const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const answer = await response.json().catch(() => null);
    return response.ok && answer?.ok ? answer : { ok: false, error: answer?.error || labels.sendFailed };
  } catch {
    return { ok: false, error: labels.sendFailed };
  }
}

async function send(paneId, body) {
  const s = pane(paneId);
  const answer = await post("/local/send", { ...body, pane: paneId, lang: labels.lang, id: newId() });
  if (!answer.ok) showStatus(s, answer.error, true);
  else if (answer.toast) showStatus(s, answer.toast, false);
  return answer.ok;
}

function setReply(s, id) {
  s.replyTo = id;
  const box = $(s.el, ".replying");
  box.hidden = !id;
  $(box, ".replying-text").textContent = id ? `${labels.replyingTo} ${(s.items.get(id)?.text ?? "").slice(0, 80)}` : "";
  if (id) $(s.el, "textarea").focus();
}

function readFile(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

async function submit(s) {
  const textarea = $(s.el, "textarea");
  const text = textarea.value;
  const file = s.file;
  if (!text.trim() && !file) return;
  const body = { text };
  if (s.replyTo) body.replyTo = s.replyTo;
  if (file) body.file = { name: file.name, mimeType: file.type || "application/octet-stream", base64: await readFile(file) };
  textarea.value = "";
  if (await send(s.el.dataset.pane, body)) {
    setReply(s, null);
    s.file = null;
    $(s.el, 'input[type="file"]').value = "";
    $(s.el, ".file-chosen").hidden = true;
  } else textarea.value = text;
}

document.addEventListener("click", async (event) => {
  const target = event.target.closest("button, .tab");
  if (!target) return;
  const paneEl = target.closest(".pane");
  const s = paneEl && pane(paneEl.dataset.pane);
  if (target.classList.contains("choice") && s) {
    await send(paneEl.dataset.pane, { buttonId: target.dataset.button });
  } else if (target.classList.contains("reply-action") && s) {
    setReply(s, target.closest(".msg").dataset.id);
  } else if (target.classList.contains("cancel-reply") && s) {
    setReply(s, null);
  } else if (target.classList.contains("start") && s) {
    await send(paneEl.dataset.pane, { text: "/start" });
  } else if (target.classList.contains("new-client")) {
    const org = target.closest("section.org").dataset.org;
    const answer = await post("/local/panes", { org });
    const created = answer.ok && pane(answer.pane);
    if (created) created.el.scrollIntoView({ behavior: "smooth", block: "nearest" });
  } else if (target.classList.contains("tab")) {
    for (const tab of document.querySelectorAll(".tab")) tab.setAttribute("aria-selected", String(tab === target));
    for (const section of document.querySelectorAll("section.org")) section.hidden = section.dataset.org !== target.dataset.tab;
    for (const s of state.values()) followNewest(s);
  }
});

document.addEventListener("submit", (event) => {
  const paneEl = event.target.closest(".pane");
  if (!paneEl) return;
  event.preventDefault();
  void submit(pane(paneEl.dataset.pane));
});

document.addEventListener("keydown", (event) => {
  if (event.key !== "Enter" || event.shiftKey || event.isComposing || !event.target.matches(".pane textarea")) return;
  event.preventDefault();
  void submit(pane(event.target.closest(".pane").dataset.pane));
});

document.addEventListener("change", (event) => {
  if (!event.target.matches('.pane input[type="file"]')) return;
  const s = pane(event.target.closest(".pane").dataset.pane);
  const file = event.target.files[0] ?? null;
  if (file && file.size > labels.maxFileBytes) {
    showStatus(s, labels.fileTooLarge, true);
    event.target.value = "";
    return;
  }
  s.file = file;
  const chosen = $(s.el, ".file-chosen");
  chosen.hidden = !file;
  chosen.textContent = file ? `${labels.attached} ${file.name}` : "";
});

for (const node of document.querySelectorAll(".pane")) pane(node.dataset.pane);
const conn = document.querySelector(".conn");
const events = new EventSource("/local/events");
events.onopen = () => (conn.textContent = labels.connected);
events.onerror = () => (conn.textContent = labels.reconnecting);
events.onmessage = (message) => onEvent(JSON.parse(message.data));
