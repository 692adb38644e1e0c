// The test console page: sends what the user does to the device and draws the state it returns.
"use strict";

const $ = (id) => document.getElementById(id);
let current = null;        // the last state from the console
let selected = null;       // the turn number picked for the inspector (null: the newest)
let inspectedTurn = null;  // the turn the inspector shows
let lastSeen = 0;          // the newest turn number already drawn (and announced)
let talking = null;        // the microphone while Talk is on
let ready = false;         // replies already there when the page opens are not played again
let lastProblem = "";

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

function showProblem(message) {
  const box = $("problem");
  lastProblem = message || "";
  box.textContent = lastProblem;
  box.hidden = !message;
}

function newestNumber() {
  const turns = current ? current.turns : [];
  return turns.length ? turns[turns.length - 1].number : 0;
}

// `mine`: this tab asked for the change, so it plays the reply (other tabs only draw it).
async function api(path, options = {}, mine = true) {
  const before = mine ? newestNumber() : null;
  document.body.dataset.busy = "yes";
  try {
    const response = await fetch(path, options);
    let data = null;
    try {
      data = await response.json();
    } catch (error) {
      data = { error: `the console answered ${response.status} without a message` };
    }
    if (data && data.state) render(data.state, before);
    if (!response.ok) {
      showProblem(data.error || `the console answered ${response.status}`);
      return null;
    }
    showProblem("");
    return data;
  } catch (error) {
    showProblem("the console is not answering: is the console command still running?");
    return null;
  } finally {
    delete document.body.dataset.busy;
  }
}

function post(path, body) {
  return api(path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body || {}),
  });
}

function postWav(path, wav) {
  return api(path, { method: "POST", headers: { "Content-Type": "audio/wav" }, body: wav });
}

function describeIntent(turn) {
  const parts = [turn.intent];
  for (const slot of turn.slots || []) {
    parts.push(slot.id !== null ? `${slot.name}=${slot.id}` : `${slot.name}="${slot.value}" (unresolved)`);
  }
  // The matcher's confidence in the intent, apart from the recogniser's in the words.
  parts.push(`· matcher confidence ${Number(turn.confidence).toFixed(2)}`);
  return parts.join(" ");
}

function youLine(turn) {
  switch (turn.action) {
    case "launch": return `you: ${turn.said}`;
    case "tap": return `you ${turn.said} on the screen`;
    case "end": return "you ended the session (SessionEndedRequest)";
    case "silence": return "you said nothing: Alexa said the reprompt, waited, then ended the session";
    case "hear": return `you said: ${turn.said || "(nothing heard)"}`;
    case "raw": return `you ${turn.said}`;
    default: return `you: ${turn.said}`;
  }
}

function pick(number) {
  selected = number;
  draw();
  const again = document.querySelector(`[data-focus-key="inspect-${number}"]`);
  if (again) again.focus();
}

function drawTurn(turn) {
  const item = element("li", "turn");
  item.dataset.number = turn.number;
  const you = element("div", "you", youLine(turn));
  if (turn.verdict) {
    const passed = turn.verdict.problems.length === 0;
    you.append(element("span", `verdict ${passed ? "pass" : "fail"}`, passed ? "pass" : "fail"));
  }
  item.append(you);
  if (turn.heard) {
    const confidence = turn.heard.confidence.toFixed(2);
    item.append(element("div", "heard", `recogniser heard "${turn.heard.text}" · recogniser confidence ${confidence}`));
  }
  if (turn.verdict && turn.verdict.problems.length) {
    const list = element("ul", "problems");
    for (const problem of turn.verdict.problems) list.append(element("li", "", problem));
    item.append(list);
  }
  if (turn.intent === undefined) return item;
  if (turn === inspectedTurn) item.classList.add("selected");
  const meta = element("div", "meta intent", describeIntent(turn));
  // A button per turn, so a turn can be picked for the inspector without a mouse.
  const inspect = element("button", "inspect", turn === inspectedTurn ? "Inspecting" : "Inspect");
  inspect.type = "button";
  inspect.dataset.focusKey = `inspect-${turn.number}`;
  inspect.setAttribute("aria-label", `Inspect turn ${turn.number}`);
  inspect.setAttribute("aria-pressed", String(turn === inspectedTurn));
  inspect.addEventListener("click", (event) => { event.stopPropagation(); pick(turn.number); });
  meta.append(inspect);
  item.append(meta);
  for (const note of turn.notes || []) item.append(element("div", "note", note));
  const alexa = element("div", "alexa");
  alexa.append(element("span", "speech", turn.speech ? `alexa: ${turn.speech}` : "alexa: (says nothing)"));
  if (turn.has_audio) {
    const play = element("button", "play", "Play");
    play.type = "button";
    play.dataset.focusKey = `play-${turn.number}`;
    play.setAttribute("aria-label", `Play the reply of turn ${turn.number}`);
    play.addEventListener("click", (event) => { event.stopPropagation(); playTurn(turn.number); });
    alexa.append(" ", play);
  }
  item.append(alexa);
  if (turn.reprompt) item.append(element("div", "reprompt", `reprompt: ${turn.reprompt}`));
  if (turn.end_session) item.append(element("div", "ended", "(the session ended)"));
  item.addEventListener("click", () => pick(turn.number));
  return item;
}

function playTurn(number) {
  const player = $("player");
  player.src = `/api/audio/${number}.wav`;
  player.dataset.turn = number;
  const playing = player.play();
  if (playing) playing.catch(() => {}); // a browser that blocks auto-play: the button still works
}

function screenButtons() {
  return Array.from($("screen-frame").querySelectorAll(".apl-touch"));
}

function drawScreen(screen) {
  const frame = $("screen-frame");
  // Redrawing replaces the buttons: focus on one of them stays on the screen, not the body.
  const hadFocus = frame.contains(document.activeElement);
  frame.replaceChildren();
  frame.dataset.profile = current ? current.profile : "";
  $("screen-notes").textContent = "";
  if (!screen) {
    frame.style.height = "";
    frame.append(element("div", "voice-only", "Voice only: this Echo has no screen. Choose an Echo Show to see the skill's screens."));
    if (hadFocus) $("utterance").focus();
    return;
  }
  const scaler = element("div", "screen-scaler");
  scaler.dataset.width = screen.width;
  if (screen.html) {
    scaler.innerHTML = screen.html; // drawn and escaped by the console from the APL document
  } else {
    const home = element("div", "apl-screen screen-home", "Echo Show home screen (the skill shows nothing now)");
    home.style.width = `${screen.width}px`;
    home.style.height = `${screen.height}px`;
    scaler.append(home);
  }
  frame.append(scaler);
  const scale = Math.min(1, (frame.clientWidth - 20) / screen.width);
  scaler.style.transform = `scale(${scale})`;
  frame.style.height = `${Math.ceil(screen.height * scale) + 20}px`;
  const notes = [`${screen.label}: ${screen.width} × ${screen.height} dp`].concat(screen.notes || []);
  $("screen-notes").textContent = notes.join(" · ");
  if (hadFocus) focusScreen();
}

// After a touch, or a redraw under the user's focus: the first button of what the screen shows
// now (the next question's first answer), else the box to type in.
function focusScreen() {
  const first = screenButtons()[0];
  (first || $("utterance")).focus({ preventScroll: !first });
}

function drawInspector(turns) {
  const withReply = turns.filter((t) => t.intent !== undefined);
  let turn = withReply.find((t) => t.number === selected);
  if (!turn) turn = withReply[withReply.length - 1];
  inspectedTurn = turn || null;
  $("inspected").textContent = turn ? `(turn ${turn.number}: ${youLine(turn)})` : "";
  const lines = $("state-lines");
  lines.replaceChildren();
  const card = $("card");
  card.replaceChildren();
  $("request-json").textContent = turn ? JSON.stringify(turn.request, null, 2) : "";
  $("response-json").textContent = turn ? JSON.stringify(turn.response, null, 2) : "";
  // Words said without the skill's name: Alexa's CanFulfillIntentRequest and the answer.
  const asked = turn && turn.name_free && turn.name_free.can_fulfill_request;
  $("name-free").hidden = !asked;
  $("can-fulfill-request-json").textContent = asked
    ? JSON.stringify(turn.name_free.can_fulfill_request, null, 2) : "";
  $("can-fulfill-response-json").textContent = asked
    ? JSON.stringify(turn.name_free.can_fulfill_response, null, 2) : "";
  if (!turn) return;
  for (const line of turn.state) lines.append(element("li", "", line));
  if (Object.keys(turn.attributes).length) {
    lines.append(element("li", "raw", `as JSON: ${JSON.stringify(turn.attributes)}`));
  }
  if (turn.card) {
    card.append(element("div", "title", turn.card.title), element("div", "text", turn.card.text));
  } else {
    card.append(element("span", "note", "This reply has no card."));
  }
}

function drawTurns(turns) {
  const list = $("turns");
  const focused = document.activeElement && document.activeElement.dataset
    ? document.activeElement.dataset.focusKey : undefined;
  drawInspector(turns);
  list.replaceChildren(...turns.map(drawTurn));
  list.scrollTop = list.scrollHeight;
  if (focused) {
    const again = list.querySelector(`[data-focus-key="${focused}"]`);
    if (again) again.focus({ preventScroll: true });
  }
}

function draw() {
  const state = current;
  drawTurns(state.turns);
  if (document.activeElement !== $("profile")) $("profile").value = state.profile;
  $("session-status").textContent = state.in_session
    ? "Session open."
    : "No session: what you say next opens one.";
  drawScreen(state.screen);
}

function announce(turn) {
  // Emptied first, so that two identical replies in a row are both read out.
  const announcer = $("announcer");
  announcer.textContent = "";
  let text = turn.intent === undefined ? youLine(turn)
    : (turn.speech ? `Alexa: ${turn.speech}` : "Alexa says nothing.");
  if (turn.end_session) text += " The session ended.";
  setTimeout(() => { announcer.textContent = text; }, 50);
}

// `before`: the newest turn number when this tab asked (null when another tab did): only this
// tab's own new turns are played.
function render(state, before = null) {
  if (current && state.version < current.version) return; // an older answer, overtaken
  const same = current && state.version === current.version;
  current = state;
  if (!same) draw();
  const newest = state.turns[state.turns.length - 1];
  if (newest && newest.number > lastSeen) {
    lastSeen = newest.number;
    if (ready) announce(newest);
  }
  const played = $("player").dataset.turn;
  if (ready && before !== null && newest && newest.number > before && newest.has_audio
      && $("autoplay").checked && String(newest.number) !== played) {
    playTurn(newest.number);
  }
}

// ---- live across tabs -----------------------------------------------------------------------

let refreshing = null;
let refreshAgain = false;

async function refresh() {
  if (refreshing) { refreshAgain = true; return; }
  refreshing = api("/api/state", {}, false);
  await refreshing;
  refreshing = null;
  if (refreshAgain) { refreshAgain = false; refresh(); }
}

function setBehind(message) {
  $("behind").textContent = message || "";
  $("behind").hidden = !message;
}

function follow() {
  const events = new EventSource("/api/events");
  events.addEventListener("change", (event) => {
    setBehind("");
    if (!current || Number(event.data) !== current.version) refresh();
  });
  events.addEventListener("error", () => {
    setBehind("This tab has lost touch with the console and may be behind: it catches up by itself when the console answers again (or reload the page).");
  });
}

// ---- what the user does ---------------------------------------------------------------------

function checkLength() {
  const box = $("utterance");
  const limit = Number(box.dataset.max);
  const length = box.value.split(/\s+/).filter(Boolean).join(" ").length;
  const note = $("length-note");
  const over = length > limit;
  note.classList.toggle("over", over);
  if (over) {
    note.textContent = `${length} characters: one utterance takes ${limit} at most, so this will not be sent until it is shorter.`;
  } else if (length > limit - 50) {
    note.textContent = `${length} of ${limit} characters.`;
  } else {
    note.textContent = "";
  }
  return !over;
}

async function say(event) {
  event.preventDefault();
  const box = $("utterance");
  const text = box.value;
  if (!text.trim()) {
    showProblem("type something to say first");
    return;
  }
  if (!checkLength()) {
    showProblem($("length-note").textContent);
    box.focus();
    return;
  }
  selected = null;
  const done = await post("/api/say", { text });
  if (done) {
    box.value = "";
    checkLength();
  }
  box.focus();
}

async function touch(event) {
  const target = event.target.closest(".apl-touch");
  if (!target) return;
  selected = null;
  await post("/api/tap", { arguments: JSON.parse(target.dataset.arguments) });
  focusScreen();
}

function touchKey(event) {
  if (event.key !== "Enter" && event.key !== " ") return;
  if (!event.target.closest(".apl-touch")) return;
  event.preventDefault(); // Space would also scroll the page
  if (!event.repeat) touch(event);
}

// ---- Talk: hands-free (the device's endpointer ends the turn) or push to talk --------------

function talkShows(label, recording, note) {
  const button = $("talk");
  button.textContent = label;
  button.classList.toggle("recording", recording);
  button.setAttribute("aria-pressed", String(recording));
  if (note) $("hearing-note").textContent = note;
}

const READY_NOTE = {
  "hands-free": "Press Talk and speak: the device's own endpointer ends the turn when you stop speaking.",
  push: "Hold Talk (or Space or Enter on it) while you speak, and let go to send.",
};

function talkIdle() {
  talking = null;
  talkShows("Talk", false, READY_NOTE[$("talk-mode").value]);
}

async function startHandsFree() {
  const session = { mode: "hands-free", recorder: new window.WavRecorder(), stream: null,
    chain: Promise.resolve(), done: false };
  talking = session;
  // Shown at once: the microphone takes a moment to open.
  talkShows("Stop", true, "Listening: speak now. The turn ends when you stop speaking.");
  selected = null;
  const opened = await post("/api/listen");
  if (!opened || session.done) { finishHandsFree(session); return; }
  session.stream = opened.stream;
  session.recorder.onpiece = (wav) => {
    session.chain = session.chain.then(() => sendPiece(session, wav));
  };
  session.recorder.onlimit = () => stopHandsFree(session);
  try {
    await session.recorder.start();
  } catch (error) {
    finishHandsFree(session);
    showProblem(`the microphone is not available: ${error.message || error}`);
    return;
  }
  // Stop pressed while the microphone was opening: close it again.
  if (session.done) session.recorder.stop().catch(() => {});
}

async function sendPiece(session, wav) {
  if (session.done) return;
  const data = await postWav(`/api/listen/${session.stream}/audio`, wav);
  if (session.done) return;
  if (!data) { finishHandsFree(session); return; }
  if (data.listening === "speech") $("hearing-note").textContent = "Hearing you…";
  if (data.listening === "ended" || data.listening === "nothing") {
    finishHandsFree(session);
    if (data.listening === "nothing") {
      $("hearing-note").textContent = "No speech was heard, so nothing was sent. Press Talk to try again.";
    }
  }
}

function finishHandsFree(session) {
  if (session.done) return;
  session.done = true;
  if (session.recorder.processor) session.recorder.stop().catch(() => {});
  if (talking === session) talkIdle();
}

async function stopHandsFree(session) {
  if (session.done) return;
  session.recorder.onpiece = null;
  await session.chain; // the pieces already sent are heard first
  if (session.done) return;
  finishHandsFree(session);
  if (session.stream === null) return;
  const data = await post(`/api/listen/${session.stream}/end`);
  if (data && data.listening === "nothing") {
    $("hearing-note").textContent = "No speech was heard, so nothing was sent. Press Talk to try again.";
  }
}

async function startPush() {
  if (talking) return;
  const session = { mode: "push", recorder: new window.WavRecorder(), started: null, released: false };
  talking = session;
  talkShows("Release to send", true, "Recording: let go of Talk to send.");
  session.recorder.onlimit = () => stopPush();
  session.started = session.recorder.start();
  try {
    await session.started;
  } catch (error) {
    talkIdle();
    showProblem(`the microphone is not available: ${error.message || error}`);
  }
}

async function stopPush() {
  const session = talking;
  if (!session || session.mode !== "push" || session.released) return;
  session.released = true;
  try {
    await session.started;
  } catch (error) {
    return; // startPush has said why
  }
  const wav = await session.recorder.stop();
  talkIdle();
  selected = null;
  await postWav("/api/hear", wav);
}

function talkClick() {
  if ($("talk-mode").value !== "hands-free") return;
  if (talking) stopHandsFree(talking);
  else startHandsFree();
}

function pushKey(event, down) {
  if ($("talk-mode").value !== "push" || (event.key !== " " && event.key !== "Enter")) return;
  event.preventDefault();
  if (down && !event.repeat) startPush();
  if (!down) stopPush();
}

// ---- raw requests ---------------------------------------------------------------------------

async function chooseTemplate(event) {
  const key = event.target.value;
  if (!key) return;
  const data = await api(`/api/raw/${encodeURIComponent(key)}`, {}, false);
  if (data) {
    $("raw-envelope").value = data.envelope;
    $("raw-result").textContent = "";
  }
}

function seedFromTurn() {
  if (!inspectedTurn) {
    $("raw-result").textContent = "There is no turn to start from yet: choose a template instead.";
    return;
  }
  $("raw-envelope").value = JSON.stringify(inspectedTurn.request, null, 2);
  $("raw-result").textContent = `The request of turn ${inspectedTurn.number}: change it, then send it.`;
  $("raw-envelope").focus();
}

async function sendRaw() {
  selected = null;
  const done = await post("/api/raw", { envelope: $("raw-envelope").value });
  $("raw-result").textContent = done
    ? `Sent: the reply is turn ${newestNumber()} in the conversation.`
    : lastProblem;
}

// ---- transcripts ----------------------------------------------------------------------------

async function saveTranscript(event) {
  event.preventDefault();
  const response = await fetch("/api/transcript.yaml");
  if (!response.ok) {
    const data = await response.json().catch(() => ({}));
    showProblem(data.error || `the console answered ${response.status}`);
    return;
  }
  const text = await response.text();
  const link = element("a");
  link.href = URL.createObjectURL(new Blob([text], { type: "application/x-yaml" }));
  link.download = "console-session.yaml";
  document.body.append(link);
  link.click();
  link.remove();
  $("replay-result").textContent = "Saved as console-session.yaml.";
}

async function replay() {
  const input = $("transcript-file");
  const file = input.files[0];
  if (!file) return;
  const text = await file.text();
  input.value = "";
  selected = null;
  const done = await post("/api/replay", { text, name: file.name });
  const result = $("replay-result");
  result.textContent = done
    ? `${done.result.name}: ${done.result.passed} passed, ${done.result.failed} failed`
    : "The transcript did not run (see the message above).";
  result.dataset.outcome = done ? (done.result.failed ? "failed" : "passed") : "error";
}

async function copy(event) {
  const button = event.target;
  const text = $(button.dataset.copy).textContent;
  try {
    await navigator.clipboard.writeText(text);
  } catch (error) {
    const area = element("textarea");
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand("copy");
    area.remove();
  }
  button.textContent = "Copied";
  setTimeout(() => { button.textContent = "Copy"; }, 1500);
}

function start() {
  $("say-form").addEventListener("submit", say);
  $("utterance").addEventListener("input", checkLength);
  $("launch").addEventListener("click", () => { selected = null; post("/api/launch"); });
  $("end").addEventListener("click", () => post("/api/end"));
  $("silence").addEventListener("click", () => { selected = null; post("/api/silence"); });
  $("clear").addEventListener("click", () => { selected = null; post("/api/clear"); });
  $("profile").addEventListener("change", (event) => post("/api/profile", { profile: event.target.value }));
  $("screen-frame").addEventListener("click", touch);
  $("screen-frame").addEventListener("keydown", touchKey);
  const talk = $("talk");
  talk.addEventListener("click", talkClick);
  talk.addEventListener("pointerdown", (event) => {
    if ($("talk-mode").value === "push" && event.button === 0) {
      talk.setPointerCapture(event.pointerId);
      startPush();
    }
  });
  talk.addEventListener("pointerup", stopPush);
  talk.addEventListener("pointercancel", stopPush);
  talk.addEventListener("keydown", (event) => pushKey(event, true));
  talk.addEventListener("keyup", (event) => pushKey(event, false));
  $("talk-mode").addEventListener("change", () => { if (!talking) talkIdle(); });
  $("raw-template").addEventListener("change", chooseTemplate);
  $("raw-seed").addEventListener("click", seedFromTurn);
  $("raw-send").addEventListener("click", sendRaw);
  $("save-transcript").addEventListener("click", saveTranscript);
  $("transcript-file").addEventListener("change", replay);
  for (const button of document.querySelectorAll("button.copy")) button.addEventListener("click", copy);
  window.addEventListener("resize", () => { if (current) drawScreen(current.screen); });
  api("/api/state", {}, false).then(() => {
    ready = true;
    document.body.dataset.ready = "yes";
    follow();
  });
}

start();
