// The test console page: sends what the user does to the device and draws the state it returns.
"use strict";

const $ = (id) => document.getElementById(id);
let current = null;        // the last state from the console
let selected = null;       // the turn number shown in the inspector
let lastHeard = 0;         // the newest turn number already played (or deliberately not)
let recorder = null;
let ready = false;         // replies already there when the page opens are not played again

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

function showProblem(message) {
  const box = $("problem");
  box.textContent = message || "";
  box.hidden = !message;
}

async function api(path, options = {}) {
  document.body.dataset.busy = "yes";
  try {
    const response = await fetch(path, options);
    let data = null;
    try {
      data = await response.json();
    } catch (error) {
      data = { error: `the console answered ${response.status} without a message` };
    }
    if (data && data.state) render(data.state);
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

function describeIntent(turn) {
  const parts = [turn.intent];
  for (const slot of turn.slots || []) {
    parts.push(slot.id !== null ? `${slot.name}=${slot.id}` : `${slot.name}="${slot.value}" (unresolved)`);
  }
  parts.push(`confidence ${Number(turn.confidence).toFixed(2)}`);
  return parts.join(" ");
}

function youLine(turn) {
  switch (turn.action) {
    case "launch": return `you: ${turn.said}`;
    case "tap": return `you ${turn.said} on the screen`;
    case "end": return "you ended the session (SessionEndedRequest)";
    case "silence": return "you said nothing: Alexa said the reprompt, waited, then ended the session";
    case "hear": return `you said: ${turn.said || "(nothing heard)"}`;
    default: return `you: ${turn.said}`;
  }
}

function drawTurn(turn) {
  const item = element("li", "turn");
  item.dataset.number = turn.number;
  if (turn.number === selected) item.classList.add("selected");
  const you = element("div", "you", youLine(turn));
  if (turn.verdict) {
    const passed = turn.verdict.problems.length === 0;
    you.append(element("span", `verdict ${passed ? "pass" : "fail"}`, passed ? "pass" : "fail"));
  }
  item.append(you);
  if (turn.heard) {
    item.append(element("div", "heard", `recogniser heard "${turn.heard.text}" (confidence ${turn.heard.confidence.toFixed(2)})`));
  }
  if (turn.verdict && turn.verdict.problems.length) {
    const list = element("ul", "problems");
    for (const problem of turn.verdict.problems) list.append(element("li", "", problem));
    item.append(list);
  }
  if (turn.intent === undefined) return item;
  item.append(element("div", "meta intent", describeIntent(turn)));
  for (const note of turn.notes || []) item.append(element("div", "note", note));
  const alexa = element("div", "alexa");
  alexa.append(element("span", "speech", turn.speech ? `alexa: ${turn.speech}` : "alexa: (says nothing)"));
  if (turn.has_audio) {
    const play = element("button", "play", "Play");
    play.type = "button";
    play.title = "Play the reply in the device's voice";
    play.addEventListener("click", (event) => { event.stopPropagation(); playTurn(turn.number); });
    alexa.append(" ", play);
  }
  item.append(alexa);
  if (turn.reprompt) item.append(element("div", "reprompt", `reprompt: ${turn.reprompt}`));
  if (turn.end_session) item.append(element("div", "ended", "(the session ended)"));
  item.addEventListener("click", () => { selected = turn.number; render(current); });
  return item;
}

function playTurn(number) {
  const player = $("player");
  player.src = `/api/audio/${number}.wav`;
  player.dataset.turn = number;
  const playing = player.play();
  if (playing) playing.catch(() => {}); // a browser that blocks auto-play: the button still works
}

function drawScreen(screen) {
  const frame = $("screen-frame");
  frame.replaceChildren();
  frame.dataset.profile = current ? current.profile : "";
  $("screen-notes").textContent = "";
  if (!screen) {
    frame.style.height = "";
    frame.append(element("div", "voice-only", "Voice only: this Echo has no screen. Choose an Echo Show to see the skill's screens."));
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
}

function drawInspector(turns) {
  const withReply = turns.filter((t) => t.intent !== undefined);
  let turn = withReply.find((t) => t.number === selected);
  if (!turn) turn = withReply[withReply.length - 1];
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

function render(state) {
  current = state;
  const list = $("turns");
  list.replaceChildren(...state.turns.map(drawTurn));
  list.scrollTop = list.scrollHeight;
  if (document.activeElement !== $("profile")) $("profile").value = state.profile;
  $("session-status").textContent = state.in_session
    ? "Session open."
    : "No session open: the next thing you say opens one, as on an Echo.";
  drawScreen(state.screen);
  drawInspector(state.turns);
  const newest = state.turns[state.turns.length - 1];
  if (newest && newest.number > lastHeard) {
    lastHeard = newest.number;
    if (ready && newest.has_audio && $("autoplay").checked) playTurn(newest.number);
  }
}

async function say(event) {
  event.preventDefault();
  const box = $("utterance");
  const text = box.value;
  if (!text.trim()) {
    showProblem("type something to say first");
    return;
  }
  selected = null;
  const done = await post("/api/say", { text });
  if (done) box.value = "";
  box.focus();
}

async function touch(event) {
  const target = event.target.closest(".apl-touch");
  if (!target) return;
  selected = null;
  await post("/api/tap", { arguments: JSON.parse(target.dataset.arguments) });
}

async function talk() {
  const button = $("talk");
  if (recorder) {
    const active = recorder;
    recorder = null;
    button.classList.remove("recording");
    button.textContent = "Talk";
    const wav = await active.stop();
    selected = null;
    await api("/api/hear", { method: "POST", headers: { "Content-Type": "audio/wav" }, body: wav });
    return;
  }
  try {
    recorder = new window.WavRecorder();
    recorder.onlimit = () => { if (recorder) talk(); };
    await recorder.start();
  } catch (error) {
    recorder = null;
    showProblem(`the microphone is not available: ${error.message || error}`);
    return;
  }
  button.classList.add("recording");
  button.textContent = "Stop";
}

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
  $("launch").addEventListener("click", () => { selected = null; post("/api/launch"); });
  $("end").addEventListener("click", () => post("/api/end"));
  $("silence").addEventListener("click", () => { selected = null; post("/api/silence"); });
  $("clear").addEventListener("click", () => { selected = null; post("/api/clear"); });
  $("profile").addEventListener("change", (event) => post("/api/profile", { profile: event.target.value }));
  $("screen-frame").addEventListener("click", touch);
  $("screen-frame").addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") touch(event);
  });
  $("talk").addEventListener("click", talk);
  $("save-transcript").addEventListener("click", saveTranscript);
  $("transcript-file").addEventListener("change", replay);
  for (const button of document.querySelectorAll("button.copy")) button.addEventListener("click", copy);
  window.addEventListener("resize", () => { if (current) drawScreen(current.screen); });
  api("/api/state").then(() => {
    ready = true;
    document.body.dataset.ready = "yes";
  });
}

start();
