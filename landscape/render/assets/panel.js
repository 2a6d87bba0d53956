/* panel.js: the side panel's words, in two layers. A finding reads its headline (what one says
 * aloud) and its question, and opens its evidence under "why?"; a person's card reads a few plain
 * sentences, then the numbers under readable names, each opening its meaning (where the
 * statistic's own name lives) when clicked. html.py puts this file between room.js and map.js in
 * one function scope: the functions here use map.js's el(), byId() and state at call time. Strings
 * from the data reach the page with textContent (and the title property), never as HTML. */

// A button that shows and hides ``note`` (hidden at first), saying so with aria-expanded.
function toggler(button, note, id) {
  note.id = id;
  note.hidden = true;
  button.type = "button";
  button.setAttribute("aria-expanded", "false");
  button.setAttribute("aria-controls", id);
  button.addEventListener("click", function (event) {
    event.stopPropagation();  // opening the evidence is not choosing the finding
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", open ? "true" : "false");
    note.hidden = !open;
  });
  return button;
}

// One finding in the list: headline and question (click, Enter or Space shows it on the map when
// it is about someone or something drawn), then "why?" and the evidence it opens.
function findingItem(f, index, onFocus) {
  var item = el("li");
  item.setAttribute("data-index", String(index));
  var body = el("div", null, "finding-body");
  body.appendChild(el("span", f.headline || f.statement, "headline"));
  if (f.question) body.appendChild(el("span", f.question, "question"));
  item.appendChild(body);
  var evidence = f.detail || (f.headline && f.statement !== f.headline ? f.statement : "");
  if (evidence && evidence !== (f.headline || f.statement)) {  // nothing more to say: no "why?"
    // The evidence: its sentence with the numbers (unless the headline says it already), then
    // (paler) how they were worked out.
    var note = el("p", null, "why-text"), numbers = f.statement || "";
    if (numbers && evidence.indexOf(numbers) === 0 && evidence.length > numbers.length) {
      var how = evidence.slice(numbers.length);
      if (numbers !== f.headline) {
        note.appendChild(el("span", numbers));
        note.appendChild(el("span", how, "how"));
      } else {
        note.textContent = how.trim();
      }
    } else {
      note.textContent = evidence;
    }
    var why = toggler(el("button", "why?", "why"), note, "finding-why-" + index);
    why.title = "The evidence: the numbers, and how they were worked out";
    item.appendChild(why);
    item.appendChild(note);
  }
  var focus = f.focus || {};
  if ((focus.people || []).length || (focus.groups || []).length || (focus.ties || []).length) {
    item.className = "focusable";
    body.tabIndex = 0;
    body.title = "Show on the map";
    body.setAttribute("role", "button");
    body.addEventListener("click", function () { onFocus(index); });
    body.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); onFocus(index); }
    });
  }
  return item;
}

// A person's card: their name, the plain sentences about them and the values of their columns;
// then, apart, the numbers, each named as the glossary names it, its meaning one click away.
function personCard(node) {
  var box = byId("details-list");
  box.replaceChildren(el("dt", "name"), el("dd", node.label, "name"));
  if (node.summary && node.summary.length) {
    var facts = el("ul");
    node.summary.forEach(function (sentence) { facts.appendChild(el("li", sentence)); });
    box.appendChild(el("dd", null, "summary")).appendChild(facts);
  }
  (node.details || []).forEach(function (pair) {
    box.appendChild(el("dt", pair[0]));
    box.appendChild(el("dd", pair[1]));
  });
  var list = byId("numbers-list"), meanings = state.data.glossary || {};
  list.replaceChildren();
  (node.metrics || []).forEach(function (pair, i) {
    var name = el("dt"), meaning = meanings[pair[0]];
    list.appendChild(name);
    list.appendChild(el("dd", pair[1], "value"));
    if (!meaning) { name.textContent = String(pair[0]); return; }
    var note = el("dd", meaning, "meaning");
    var button = toggler(el("button", pair[0], "term"), note, "measure-meaning-" + i);
    button.title = meaning;
    name.appendChild(button);
    list.appendChild(note);
  });
  byId("numbers").hidden = !list.children.length;
}

function clearCard() {
  byId("details-list").replaceChildren();
  byId("numbers-list").replaceChildren();
  byId("numbers").hidden = true;
  byId("details-hint").hidden = false;
}
