"""The listen button, with a recording stand-in for speechSynthesis (CI has no
voices): text, language, voice and rate handed over, pause and stop, the
highlighted sentence following the boundary events, reading from a selected
passage; and what the reader sees when the browser has no voice for the
page's language."""

import json

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

RECORDING_SPEECH_WITH = """
(() => {
  const log = {spoken: [], calls: []};
  let current = null;
  // The browser's voices, listed at once or (LATE) only after voiceschanged.
  const voices = VOICES;
  let listed = LATE ? [] : voices;
  const listeners = [];
  class RecordingUtterance {
    constructor(text) { this.text = text; this.lang = ""; this.rate = 1; this.voice = null; }
  }
  const synth = {
    speaking: false, paused: false, pending: false,
    getVoices() { return listed; },
    speak(u) {
      log.calls.push("speak");
      log.spoken.push({text: u.text, lang: u.lang, rate: u.rate, voice: u.voice && u.voice.name});
      current = u; this.speaking = true;
      setTimeout(() => { if (current === u && u.onstart) u.onstart({charIndex: 0}); }, 0);
    },
    pause() { log.calls.push("pause"); this.paused = true; },
    resume() { log.calls.push("resume"); this.paused = false; },
    cancel() {
      log.calls.push("cancel");
      const u = current; current = null; this.speaking = false; this.paused = false;
      if (u && u.onerror) u.onerror({error: "interrupted"});
    },
    addEventListener(name, listener) { if (name === "voiceschanged") listeners.push(listener); },
    removeEventListener() {},
  };
  Object.defineProperty(window, "speechSynthesis", {value: synth, configurable: true});
  Object.defineProperty(window, "SpeechSynthesisUtterance",
                        {value: RecordingUtterance, configurable: true, writable: true});
  window.__speech = {
    log,
    current() { return current && {text: current.text, lang: current.lang, rate: current.rate}; },
    boundary(charIndex) {
      if (current && current.onboundary) current.onboundary({name: "word", charIndex});
    },
    end() { const u = current; current = null; if (u && u.onend) u.onend({}); },
    listVoices() { listed = voices; listeners.forEach(listener => listener({})); },
  };
})();
"""


def speech_with(voices, late=False):
    """The recording stand-in with these voices ({"name", "lang"})."""
    return RECORDING_SPEECH_WITH.replace("VOICES", json.dumps(voices)).replace(
        "LATE", "true" if late else "false"
    )


VOICES = [
    {"name": "Alva", "lang": "sv-SE"},
    {"name": "Daniel", "lang": "en-GB"},
    {"name": "Samantha", "lang": "en-US"},
]
RECORDING_SPEECH = speech_with(VOICES)

NO_SPEECH = """
delete window.speechSynthesis;
Object.defineProperty(window, "speechSynthesis", {value: undefined, configurable: true});
"""

HIGHLIGHTED = """() => {
  const h = CSS.highlights.get("listen-sentence");
  return h ? [...h].map(r => r.toString()).join("") : null;
}"""


def speak_until(page, prefix, limit=60):
    """End utterances until the one being read starts with prefix."""
    for _ in range(limit):
        current = page.evaluate("__speech.current()")
        if current and current["text"].startswith(prefix):
            return current
        page.evaluate("__speech.end()")
    pytest.fail(f"never reached a block starting with {prefix!r}")


def test_listen_reads_the_case_with_language_rate_and_highlighting(seeded_site, new_page):
    page, console = new_page(init_script=RECORDING_SPEECH)
    page.goto(seeded_site.paths["case_sv"])
    listen = page.locator("[data-listen]")
    assert listen.is_visible()
    play = page.get_by_role("button", name="Lyssna")
    play.focus()
    page.keyboard.press("Enter")

    first = page.evaluate("__speech.log.spoken[0]")
    assert first["lang"] == "sv-SE" and first["rate"] == 1
    assert first["voice"] == "Alva"
    assert listen.get_attribute("data-state") == "playing"
    # Focus moves to the pause button, which keyboard users can press at once.
    assert page.evaluate("document.activeElement.textContent.trim()") == "Pausa"

    summary = "Vi prövade en röstrobot i telefonkön. Försöket avbröts efter ett halvår."
    speak_until(page, "Vi prövade")
    assert page.evaluate(HIGHLIGHTED) == "Vi prövade en röstrobot i telefonkön."
    page.evaluate(f"__speech.boundary({summary.index('Försöket') + 3})")
    assert page.evaluate(HIGHLIGHTED) == "Försöket avbröts efter ett halvår."
    assert listen.get_attribute("data-listen-sentence") == "Försöket avbröts efter ett halvår."

    # Speed: the current sentence is read again at the new rate.
    page.select_option("#listen-rate", "1.5")
    current = page.evaluate("__speech.current()")
    assert current["rate"] == 1.5 and current["text"] == "Försöket avbröts efter ett halvår."

    # Pause and resume.
    page.get_by_role("button", name="Pausa").click()
    assert listen.get_attribute("data-state") == "paused"
    assert page.evaluate("speechSynthesis.paused") is True
    page.get_by_role("button", name="Fortsätt").click()
    assert listen.get_attribute("data-state") == "playing"
    assert page.evaluate("__speech.log.calls.slice(-2)") == ["pause", "resume"]

    # The sentence stays highlighted, and the player reachable, after scrolling.
    page.mouse.wheel(0, 1500)
    assert page.evaluate(HIGHLIGHTED) == "Försöket avbröts efter ett halvår."
    assert listen.is_visible()

    # Stop: nothing is read, the highlight goes, the play button has focus.
    page.get_by_role("button", name="Stoppa").click()
    assert listen.get_attribute("data-state") == "idle"
    assert page.evaluate("__speech.current()") is None
    assert page.evaluate(HIGHLIGHTED) is None
    assert page.evaluate("document.activeElement.textContent.trim()") == "Lyssna"
    # A locator wait, not wait_for_function: polling a string expression needs
    # eval, which the page's CSP (rightly) forbids.
    expect(page.locator("[data-listen-status]")).to_contain_text("stoppad")
    assert not console.errors


def test_listen_reads_on_through_the_page_and_finishes(seeded_site, new_page):
    page, console = new_page(init_script=RECORDING_SPEECH)
    page.goto(seeded_site.paths["case_sv"])
    page.get_by_role("button", name="Lyssna").click()
    speak_until(page, "Undvik det här")
    spoken = [s["text"] for s in page.evaluate("__speech.log.spoken")]
    assert "Röstrobot i telefonkön som avbröts" in spoken
    assert any(text.startswith("Vi prövade en röstrobot") for text in spoken)
    # The facts list and the tools are not read.
    assert not any(text.startswith(("Status", "Lyssna", "Dela")) for text in spoken)
    for _ in range(40):
        if page.locator("[data-listen]").get_attribute("data-state") == "idle":
            break
        page.evaluate("__speech.end()")
    assert page.locator("[data-listen]").get_attribute("data-state") == "idle"
    assert not console.errors


def test_listen_starts_from_the_selected_passage_in_english(seeded_site, new_page):
    page, console = new_page(init_script=RECORDING_SPEECH)
    page.goto(seeded_site.paths["case_en"])
    assert page.locator("[data-listen]").is_visible()
    page.evaluate("""() => {
      const p = [...document.querySelectorAll("[data-listen-root] p")]
        .find(el => el.textContent.includes("Most questions were simple."));
      const text = p.firstChild;
      const range = document.createRange();
      range.setStart(text, text.data.indexOf("questions"));
      range.setEnd(text, text.data.indexOf("simple"));
      getSelection().removeAllRanges();
      getSelection().addRange(range);
    }""")
    page.get_by_role("button", name="Listen").click()
    first = page.evaluate("__speech.log.spoken[0]")
    assert first["text"].startswith("Most questions were simple.")
    assert first["lang"] == "en-GB" and first["voice"] == "Daniel"
    assert page.evaluate(HIGHLIGHTED) == "Most questions were simple."
    page.keyboard.press("Escape")
    assert page.locator("[data-listen]").get_attribute("data-state") == "idle"
    assert not console.errors


def test_listen_is_hidden_without_speech_synthesis(seeded_site, new_page):
    page, console = new_page(init_script=NO_SPEECH)
    page.goto("/om/")
    assert page.locator("[data-listen]").count() == 1
    assert not page.locator("[data-listen]").is_visible()
    assert not console.errors


NO_VOICE_SV = "Din webbläsare har ingen röst för svenska"


def test_listen_says_visibly_when_the_browser_has_no_voice(seeded_site, new_page):
    """Speech synthesis without voices, as headless Chromium has it (and as
    any browser is made to here, so the test runs wherever it runs)."""
    page, console = new_page(init_script="speechSynthesis.getVoices = () => [];")
    page.goto(seeded_site.paths["case_sv"])
    message = page.locator("[data-listen-no-voice]")
    expect(message).to_be_visible()
    expect(message).to_contain_text(NO_VOICE_SV)
    expect(message).to_contain_text("inställningar")
    play = page.get_by_role("button", name="Lyssna")
    assert play.get_attribute("aria-describedby") == "listen-no-voice"
    play.click()
    assert page.locator("[data-listen]").get_attribute("data-state") == "idle"
    expect(page.locator("[data-listen-status]")).to_contain_text(NO_VOICE_SV)
    assert not console.errors


def test_listen_without_a_voice_for_the_page_language_says_so(seeded_site, new_page):
    """Voices in English only, listed late: the Swedish page says there is no
    Swedish voice and reads nothing; the English page reads in English."""
    english_only = speech_with([v for v in VOICES if v["lang"].startswith("en")], late=True)
    page, console = new_page(init_script=english_only)
    page.goto(seeded_site.paths["case_sv"])
    page.evaluate("__speech.listVoices()")
    message = page.locator("[data-listen-no-voice]")
    expect(message).to_be_visible()
    expect(message).to_contain_text(NO_VOICE_SV)
    page.get_by_role("button", name="Lyssna").click()
    assert page.evaluate("__speech.log.spoken") == []

    page.goto(seeded_site.paths["case_en"])
    # Before the list arrives, nothing is claimed; once it does, a voice is found.
    assert not message.is_visible()
    page.evaluate("__speech.listVoices()")
    page.wait_for_timeout(1700)  # past the wait for the voice list
    assert not message.is_visible()
    page.get_by_role("button", name="Listen").click()
    first = page.evaluate("__speech.log.spoken[0]")
    assert first["lang"] == "en-GB" and first["voice"] == "Daniel"
    assert not console.errors


def test_listen_speed_is_chosen_and_kept(seeded_site, new_page):
    page, console = new_page(init_script=RECORDING_SPEECH)
    page.goto(seeded_site.paths["case_en"])
    speed = page.get_by_label("Speed")
    assert [o.strip() for o in speed.locator("option").all_inner_texts()] == [
        "0.75×",
        "1×",
        "1.25×",
        "1.5×",
    ]
    speed.select_option("0.75")
    page.reload()
    assert page.get_by_label("Speed").input_value() == "0.75"
    page.get_by_role("button", name="Listen").click()
    assert page.evaluate("__speech.log.spoken[0].rate") == 0.75
    assert not console.errors
