// Records the microphone with the Web Audio API and encodes 16 kHz mono 16-bit PCM WAV:
// the format the device's offline recogniser takes (no MediaRecorder: its webm has no decoder
// on the console's side). Push to talk sends the whole recording when the button is let go;
// hands-free talk streams it in short WAV pieces as it comes, so the device's own endpointer,
// on the console's side, can hear where the speech ends.
"use strict";

const TARGET_RATE = 16000;
const MAX_SECONDS = 25;
const PIECE_SAMPLES = TARGET_RATE / 4;   // a piece every quarter of a second when streaming

class WavRecorder {
  // onpiece(wavBlob) is called with each quarter-second while recording, when it is set.
  async start() {
    this.stream = await navigator.mediaDevices.getUserMedia({
      audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true },
    });
    this.context = new AudioContext();
    this.source = this.context.createMediaStreamSource(this.stream);
    // ScriptProcessorNode is deprecated but needs no module file and runs everywhere.
    this.processor = this.context.createScriptProcessor(4096, 1, 1);
    this.chunks = [];
    this.length = 0;
    this.down = new Downsampler(this.context.sampleRate, TARGET_RATE);
    this.pending = [];
    this.pendingLength = 0;
    this.processor.onaudioprocess = (event) => {
      const samples = event.inputBuffer.getChannelData(0);
      this.chunks.push(new Float32Array(samples));
      this.length += samples.length;
      if (this.onpiece) this.sendPiece(samples);
      if (this.length > MAX_SECONDS * this.context.sampleRate && this.onlimit) this.onlimit();
    };
    this.source.connect(this.processor);
    this.processor.connect(this.context.destination);
  }

  sendPiece(samples) {
    const out = this.down.push(samples);
    this.pending.push(out);
    this.pendingLength += out.length;
    if (this.pendingLength < PIECE_SAMPLES) return;
    const piece = join(this.pending, this.pendingLength);
    this.pending = [];
    this.pendingLength = 0;
    this.onpiece(encodeWav(piece, TARGET_RATE));
  }

  async stop() {
    this.onpiece = null;
    this.processor.disconnect();
    this.source.disconnect();
    this.stream.getTracks().forEach((track) => track.stop());
    const rate = this.context.sampleRate;
    await this.context.close();
    return encodeWav(downsample(join(this.chunks, this.length), rate, TARGET_RATE), TARGET_RATE);
  }
}

function join(chunks, length) {
  const joined = new Float32Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.length;
  }
  return joined;
}

// Averages the input samples that fall into each output sample: a simple low-pass on the way down.
function downsample(samples, fromRate, toRate) {
  if (fromRate === toRate) return samples;
  const ratio = fromRate / toRate;
  const out = new Float32Array(Math.floor(samples.length / ratio));
  for (let i = 0; i < out.length; i++) {
    const start = Math.floor(i * ratio);
    const end = Math.min(samples.length, Math.floor((i + 1) * ratio));
    let sum = 0;
    for (let j = start; j < end; j++) sum += samples[j];
    out[i] = end > start ? sum / (end - start) : 0;
  }
  return out;
}

// The same, piece by piece: the input left over after each piece waits for the next one, so
// the stream is cut into pieces without a gap or a repeated sample.
class Downsampler {
  constructor(fromRate, toRate) {
    this.fromRate = fromRate;
    this.toRate = toRate;
    this.carry = new Float32Array(0);
  }

  push(samples) {
    if (this.fromRate === this.toRate) return new Float32Array(samples);
    const input = join([this.carry, samples], this.carry.length + samples.length);
    const ratio = this.fromRate / this.toRate;
    const count = Math.floor(input.length / ratio);
    const out = downsample(input.subarray(0, Math.floor(count * ratio)), this.fromRate, this.toRate);
    this.carry = input.slice(Math.floor(count * ratio));
    return out;
  }
}

function encodeWav(samples, rate) {
  const buffer = new ArrayBuffer(44 + samples.length * 2);
  const view = new DataView(buffer);
  const text = (at, s) => { for (let i = 0; i < s.length; i++) view.setUint8(at + i, s.charCodeAt(i)); };
  text(0, "RIFF");
  view.setUint32(4, 36 + samples.length * 2, true);
  text(8, "WAVE");
  text(12, "fmt ");
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);          // PCM
  view.setUint16(22, 1, true);          // mono
  view.setUint32(24, rate, true);
  view.setUint32(28, rate * 2, true);   // bytes per second
  view.setUint16(32, 2, true);          // bytes per frame
  view.setUint16(34, 16, true);         // bits per sample
  text(36, "data");
  view.setUint32(40, samples.length * 2, true);
  for (let i = 0; i < samples.length; i++) {
    const s = Math.max(-1, Math.min(1, samples[i]));
    view.setInt16(44 + i * 2, s < 0 ? s * 0x8000 : s * 0x7fff, true);
  }
  return new Blob([buffer], { type: "audio/wav" });
}

window.WavRecorder = WavRecorder;
