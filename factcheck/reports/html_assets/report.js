/* factcheck HTML report: the findings list (click, or n/j and p/k for next and previous), a
   statement's verdicts (click, or Tab then Enter/Space; Escape closes), and filters by severity,
   rule and suppression that apply to the list and the highlights alike. No network, no globals. */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.remove("no-js");
  root.classList.add("js");
  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };

  function cardOf(mark) { return document.getElementById(mark.getAttribute("aria-controls")); }
  function markOf(card) { return document.getElementById(card.getAttribute("data-for")); }

  function closeCard(card) {
    card.classList.remove("open");
    var mark = markOf(card);
    if (mark) { mark.setAttribute("aria-expanded", "false"); mark.classList.remove("current"); }
    var article = card.closest(".article");
    if (article && !article.querySelector(".card.open")) {
      var hint = article.querySelector(".hint");
      if (hint) { hint.hidden = false; }
    }
  }

  function openCard(mark) {
    var card = cardOf(mark);
    if (!card || mark.classList.contains("off")) { return; }
    var article = mark.closest(".article");
    each(article.querySelectorAll(".card.open"), closeCard);
    card.classList.add("open");
    mark.setAttribute("aria-expanded", "true");
    mark.classList.add("current");
    var hint = article.querySelector(".hint");
    if (hint) { hint.hidden = true; }
  }

  function toggle(mark) {
    var card = cardOf(mark);
    if (card && card.classList.contains("open")) { closeCard(card); } else { openCard(mark); }
  }

  /* --- the findings list ------------------------------------------------------------------- */
  function visibleFindings() {
    return Array.prototype.filter.call(document.querySelectorAll("li.finding"), function (f) { return !f.hidden; });
  }

  function select(finding) {
    each(document.querySelectorAll("li.finding.current"), function (f) { f.classList.remove("current"); });
    finding.classList.add("current");
    finding.focus({preventScroll: true});
    finding.scrollIntoView({block: "nearest"});
    var mark = document.getElementById(finding.getAttribute("data-statement"));
    if (mark) {
      openCard(mark);
      mark.scrollIntoView({block: "center"});
      var card = cardOf(mark);
      if (card) {
        each(card.querySelectorAll("li.verdict.current"), function (v) { v.classList.remove("current"); });
        var verdict = card.querySelector('li.verdict[data-finding="' + finding.id + '"]');
        if (verdict) { verdict.classList.add("current"); }
      }
    }
  }

  function step(by) {
    var list = visibleFindings();
    if (!list.length) { return; }
    var current = document.querySelector("li.finding.current");
    var index = current ? list.indexOf(current) : -1;
    if (index === -1) { index = by > 0 ? 0 : list.length - 1; } else { index = (index + by + list.length) % list.length; }
    select(list[index]);
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) { return; }
    var finding = target.closest("li.finding");
    if (finding) { select(finding); return; }
    var mark = target.closest("mark.st");
    if (mark) { toggle(mark); return; }
    var close = target.closest(".card .close");
    if (close) {
      var card = close.closest(".card");
      var owner = markOf(card);
      closeCard(card);
      if (owner) { owner.focus(); }
      return;
    }
    var go = target.closest("button.goto");
    if (go) {
      var goal = document.getElementById(go.getAttribute("data-target"));
      if (goal) { openCard(goal); goal.focus(); goal.scrollIntoView({block: "center"}); }
    }
  });

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) { return; }
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    if (target.matches("input, textarea, select")) { return; }
    var key = event.key;
    if ((key === "Enter" || key === " ") && target.matches("mark.st")) {
      event.preventDefault();
      toggle(target);
    } else if ((key === "Enter" || key === " ") && target.matches("li.finding")) {
      event.preventDefault();
      select(target);
    } else if (key === "n" || key === "j") {
      event.preventDefault();
      step(1);
    } else if (key === "p" || key === "k") {
      event.preventDefault();
      step(-1);
    } else if (key === "Escape") {
      each(document.querySelectorAll(".card.open"), function (card) {
        var owner = markOf(card);
        closeCard(card);
        if (owner && target.closest(".article") === owner.closest(".article")) { owner.focus(); }
      });
    }
  });

  /* --- filters ------------------------------------------------------------------------------ */
  function checked(kind) {
    var on = {};
    each(document.querySelectorAll('input[data-filter="' + kind + '"]'), function (box) { on[box.value] = box.checked; });
    return on;
  }

  function apply() {
    var severities = checked("severity");
    var rules = checked("rule");
    var suppressedBox = document.querySelector('input[data-filter="suppressed"]');
    var showSuppressed = !suppressedBox || suppressedBox.checked;
    function shows(item) {
      var suppressed = item.classList.contains("suppressed");
      return severities[item.getAttribute("data-severity")] !== false &&
        rules[item.getAttribute("data-rule")] !== false && (!suppressed || showSuppressed);
    }
    var findings = document.querySelectorAll("li.finding");
    var shown = 0;
    var visible = {};
    each(findings, function (item) {
      var on = shows(item);
      item.hidden = !on;
      if (on) { shown += 1; visible[item.id] = true; } else { item.classList.remove("current"); }
    });
    each(document.querySelectorAll("li.verdict[data-finding]"), function (item) {
      item.hidden = !visible[item.getAttribute("data-finding")];
    });
    each(document.querySelectorAll("mark.st"), function (mark) {
      var ids = (mark.getAttribute("data-findings") || "").split(" ").filter(Boolean);
      var on = ids.length === 0 || ids.some(function (id) { return visible[id]; });
      mark.classList.toggle("off", !on);
      mark.tabIndex = on ? 0 : -1;
      mark.setAttribute("aria-disabled", on ? "false" : "true");
      var row = mark.closest("li.stmt");
      if (row) { row.hidden = !on; }
      if (!on) { var card = cardOf(mark); if (card && card.classList.contains("open")) { closeCard(card); } }
    });
    var counter = document.getElementById("shown-count");
    if (counter) { counter.textContent = "Showing " + shown + " of " + findings.length + " findings"; }
  }

  each(document.querySelectorAll("input[data-filter]"), function (box) { box.addEventListener("change", apply); });
  apply();
})();
