/* Listen ("Lyssna"): reads the page's main content ([data-listen-root]) aloud
   with the browser's own speech synthesis. One utterance per block (paragraph,
   heading, list item); the sentence being read is highlighted from the
   utterance's boundary events and kept in view. The voice is one in the
   page's language; without one, the widget says so and how to get one.
   No third-party service. */
(function () {
  "use strict";

  var widget = document.querySelector("[data-listen]");
  var root = document.querySelector("[data-listen-root]");
  var synth = window.speechSynthesis;
  var Utterance = window.SpeechSynthesisUtterance;
  if (!widget || !root || !synth || typeof Utterance !== "function") return;

  var BLOCKS = "h1,h2,h3,h4,h5,h6,p,li,dt,dd,blockquote,figcaption,th,td";
  var SKIP = "[data-listen-skip],[hidden],[aria-hidden='true'],script,style,template,noscript";
  var HIGHLIGHT = "listen-sentence";
  var RATE_KEY = "listen-rate";
  // Browsers fill the voice list after the page loads; an empty list counts as
  // "no voice" once voiceschanged came or this many milliseconds passed.
  var VOICE_WAIT = 1500;

  var playButton = widget.querySelector("[data-listen-play]");
  var pauseButton = widget.querySelector("[data-listen-pause]");
  var stopButton = widget.querySelector("[data-listen-stop]");
  var rateSelect = widget.querySelector("[data-listen-rate]");
  var status = widget.querySelector("[data-listen-status]");
  var noVoice = widget.querySelector("[data-listen-no-voice]");
  var lang = widget.getAttribute("data-lang") || document.documentElement.lang || "sv-SE";
  var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  var state = "idle"; // idle | playing | paused
  var blocks = null;
  var current = null; // {block: index, offset: where the utterance starts, utterance}
  var position = {block: 0, sentence: 0};
  var highlightedElement = null;
  var restartOnResume = false;
  var voicesSettled = false;

  function message(name) { return widget.getAttribute("data-msg-" + name) || ""; }

  function announce(text) {
    // Clear first so the same message is announced again.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  /* --- text model ------------------------------------------------------ */

  function skipped(node) {
    var element = node.nodeType === 1 ? node : node.parentElement;
    return !element || element.closest(SKIP) !== null;
  }

  function splitSentences(text) {
    var sentences = [];
    var push = function (start, end) {
      var piece = text.slice(start, end);
      var lead = piece.length - piece.replace(/^\s+/, "").length;
      var trail = piece.length - piece.replace(/\s+$/, "").length;
      if (piece.trim()) sentences.push({start: start + lead, end: end - trail});
    };
    if (window.Intl && Intl.Segmenter) {
      var segmenter = new Intl.Segmenter(lang, {granularity: "sentence"});
      var segments = segmenter.segment(text);
      var iterator = segments[Symbol.iterator]();
      for (var step = iterator.next(); !step.done; step = iterator.next()) {
        push(step.value.index, step.value.index + step.value.segment.length);
      }
    } else {
      var pattern = /[^.!?]+(?:[.!?]+["”’)\]]*|$)\s*/g;
      var match;
      while ((match = pattern.exec(text)) !== null && match[0]) {
        push(match.index, match.index + match[0].length);
      }
    }
    return sentences;
  }

  function readBlock(element) {
    var text = "";
    var segments = [];
    var walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === 1) {
        if (node.tagName === "BR") text += " ";
        continue;
      }
      if (skipped(node)) continue;
      segments.push({node: node, start: text.length, end: text.length + node.data.length});
      text += node.data;
    }
    return {element: element, text: text, segments: segments, sentences: splitSentences(text)};
  }

  function collectBlocks() {
    var result = [];
    root.querySelectorAll(BLOCKS).forEach(function (element) {
      if (element.closest(SKIP) || element.querySelector(BLOCKS)) return;
      var block = readBlock(element);
      if (block.text.trim() && block.sentences.length) result.push(block);
    });
    return result;
  }

  function pointIn(block, offset) {
    for (var i = 0; i < block.segments.length; i++) {
      var segment = block.segments[i];
      if (offset < segment.end || i === block.segments.length - 1) {
        return {node: segment.node, offset: Math.max(0, Math.min(offset - segment.start, segment.node.data.length))};
      }
    }
    return null;
  }

  function sentenceAt(block, offset) {
    var index = 0;
    for (var i = 0; i < block.sentences.length; i++) {
      if (block.sentences[i].start <= offset) index = i;
    }
    return index;
  }

  /* --- highlighting ---------------------------------------------------- */

  function clearHighlight() {
    if (window.CSS && CSS.highlights) CSS.highlights.delete(HIGHLIGHT);
    if (highlightedElement) highlightedElement.classList.remove("listen-current");
    highlightedElement = null;
    widget.removeAttribute("data-listen-sentence");
  }

  function keepInView(target) {
    var rect = target.getBoundingClientRect();
    var top = widget.classList.contains("listen--active") ? widget.getBoundingClientRect().bottom : 0;
    if (rect.top < top + 8 || rect.bottom > window.innerHeight - 8) {
      window.scrollBy({top: rect.top - Math.max(top + 16, window.innerHeight / 3),
                       behavior: reduceMotion ? "auto" : "smooth"});
    }
  }

  function highlight(blockIndex, sentenceIndex) {
    var block = blocks[blockIndex];
    var sentence = block && block.sentences[sentenceIndex];
    if (!sentence) return;
    position = {block: blockIndex, sentence: sentenceIndex};
    var start = pointIn(block, sentence.start);
    var end = pointIn(block, sentence.end);
    var range = document.createRange();
    try {
      range.setStart(start.node, start.offset);
      range.setEnd(end.node, end.offset);
    } catch (error) {
      range.selectNodeContents(block.element);
    }
    if (window.CSS && CSS.highlights && window.Highlight) {
      CSS.highlights.set(HIGHLIGHT, new Highlight(range));
    }
    if (highlightedElement !== block.element) {
      if (highlightedElement) highlightedElement.classList.remove("listen-current");
      block.element.classList.add("listen-current");
      highlightedElement = block.element;
    }
    widget.setAttribute("data-listen-sentence", block.text.slice(sentence.start, sentence.end));
    keepInView(range.getClientRects().length ? range : block.element);
  }

  /* --- speaking -------------------------------------------------------- */

  function allVoices() {
    return (synth.getVoices && synth.getVoices()) || [];
  }

  // A voice whose language is the page's: the exact variant (sv-SE) if there
  // is one, else any of the same language (sv-FI).
  function pickVoice() {
    var voices = allVoices();
    var wanted = lang.toLowerCase().replace("_", "-");
    var base = wanted.split("-")[0];
    var exact = null;
    var near = null;
    for (var i = 0; i < voices.length; i++) {
      var voiceLang = (voices[i].lang || "").toLowerCase().replace("_", "-");
      if (voiceLang === wanted && !exact) exact = voices[i];
      else if (voiceLang.split("-")[0] === base && !near) near = voices[i];
    }
    return exact || near;
  }

  function showNoVoice(missing) {
    noVoice.hidden = !missing;
    widget.classList.toggle("listen--no-voice", missing);
    if (missing) {
      playButton.setAttribute("aria-describedby", noVoice.id);
    } else {
      playButton.removeAttribute("aria-describedby");
    }
  }

  // True if a voice in the page's language exists; shows the message when
  // the browser has none (or has not listed any when the wait is over).
  function checkVoices() {
    if (pickVoice()) { showNoVoice(false); return true; }
    if (voicesSettled || allVoices().length) showNoVoice(true);
    return false;
  }

  function voicesLoaded() {
    voicesSettled = true;
    checkVoices();
  }

  function rate() { return parseFloat(rateSelect.value) || 1; }

  function speakFrom(blockIndex, sentenceIndex) {
    var block = blocks[blockIndex];
    if (!block) { finish(); return; }
    var offset = block.sentences[sentenceIndex] ? block.sentences[sentenceIndex].start : 0;
    var utterance = new Utterance(block.text.slice(offset));
    utterance.lang = lang;
    utterance.rate = rate();
    var voice = pickVoice();
    if (voice) utterance.voice = voice;
    current = {block: blockIndex, offset: offset, utterance: utterance};
    utterance.onstart = function () {
      if (current && current.utterance === utterance) highlight(blockIndex, sentenceIndex);
    };
    utterance.onboundary = function (event) {
      if (!current || current.utterance !== utterance) return;
      var index = sentenceAt(block, offset + (event.charIndex || 0));
      if (index !== position.sentence || blockIndex !== position.block) highlight(blockIndex, index);
    };
    utterance.onend = function () {
      if (!current || current.utterance !== utterance || state === "idle") return;
      speakFrom(blockIndex + 1, 0);
    };
    utterance.onerror = function (event) {
      if (!current || current.utterance !== utterance) return;
      if (event && (event.error === "interrupted" || event.error === "canceled")) return;
      stop(message("error"));
    };
    highlight(blockIndex, sentenceIndex);
    synth.speak(utterance);
  }

  function startPoint() {
    var selection = window.getSelection ? window.getSelection() : null;
    if (!selection || selection.isCollapsed || !selection.rangeCount) return {block: 0, sentence: 0};
    var range = selection.getRangeAt(0);
    var node = range.startContainer;
    if (!root.contains(node)) return {block: 0, sentence: 0};
    for (var i = 0; i < blocks.length; i++) {
      var block = blocks[i];
      if (!block.element.contains(node) && !(node.nodeType === 1 && node.contains(block.element))) continue;
      var offset = 0;
      for (var j = 0; j < block.segments.length; j++) {
        if (block.segments[j].node === node) { offset = block.segments[j].start + range.startOffset; break; }
      }
      return {block: i, sentence: sentenceAt(block, offset)};
    }
    return {block: 0, sentence: 0};
  }

  function setState(next) {
    state = next;
    widget.setAttribute("data-state", next);
    var active = next !== "idle";
    widget.classList.toggle("listen--active", active);
    playButton.hidden = active;
    pauseButton.hidden = !active;
    stopButton.hidden = !active;
    pauseButton.textContent = widget.getAttribute(next === "paused" ? "data-label-resume" : "data-label-pause");
    pauseButton.setAttribute("aria-pressed", next === "paused" ? "true" : "false");
  }

  function play() {
    if (!pickVoice()) {
      // Never silently: without a voice the message shows and is announced.
      voicesLoaded();
      announce(noVoice.textContent.replace(/\s+/g, " ").trim());
      return;
    }
    blocks = collectBlocks();
    if (!blocks.length) return;
    var start = startPoint();
    synth.cancel();
    setState("playing");
    speakFrom(start.block, start.sentence);
    pauseButton.focus();
    announce(message("playing"));
  }

  function togglePause() {
    if (state === "playing") {
      synth.pause();
      setState("paused");
      announce(message("paused"));
    } else if (state === "paused") {
      setState("playing");
      if (restartOnResume) {
        restartOnResume = false;
        restart();
      } else {
        synth.resume();
      }
      announce(message("resumed"));
    }
  }

  function restart() {
    // Cancel the running utterance and go on from the current sentence.
    current = null;
    synth.cancel();
    speakFrom(position.block, position.sentence);
  }

  function stop(text) {
    var hadFocus = widget.contains(document.activeElement);
    current = null;
    setState("idle");
    synth.cancel();
    clearHighlight();
    if (hadFocus) playButton.focus();
    announce(text || message("stopped"));
  }

  function finish() {
    stop(message("finished"));
  }

  /* --- wiring ---------------------------------------------------------- */

  try {
    var saved = window.localStorage.getItem(RATE_KEY);
    if (saved && rateSelect.querySelector('option[value="' + saved + '"]')) rateSelect.value = saved;
  } catch (error) { /* storage may be disabled */ }

  playButton.addEventListener("click", play);
  pauseButton.addEventListener("click", togglePause);
  stopButton.addEventListener("click", function () { stop(); });
  rateSelect.addEventListener("change", function () {
    try { window.localStorage.setItem(RATE_KEY, rateSelect.value); } catch (error) { /* ignore */ }
    if (state === "playing") restart();
    else if (state === "paused") restartOnResume = true;
    announce(message("rate"));
  });
  widget.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && state !== "idle") { event.preventDefault(); stop(); }
  });
  window.addEventListener("pagehide", function () { if (state !== "idle") synth.cancel(); });

  if (synth.addEventListener) synth.addEventListener("voiceschanged", voicesLoaded);
  else synth.onvoiceschanged = voicesLoaded;
  window.setTimeout(voicesLoaded, VOICE_WAIT);
  checkVoices();

  setState("idle");
  widget.hidden = false;
})();
