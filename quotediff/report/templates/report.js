/* quotediff report controls. Works from a file:// page with no server. Reads only ids and classes the report
   itself wrote; never builds markup from strings, so article text cannot become markup here. */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");

  var toggles = [
    ["opt-hide-cosmetic", "hide-cosmetic"],
    ["opt-only-altered", "only-altered"]
  ];

  function apply(box, cls) {
    root.classList.toggle(cls, box.checked);
    if (cls === "hide-cosmetic") {
      // Hidden marks should not take keyboard focus either.
      var marks = document.querySelectorAll(".rendering .edit.sev-cosmetic");
      for (var i = 0; i < marks.length; i++) {
        marks[i].setAttribute("tabindex", box.checked ? "-1" : "0");
      }
    }
  }

  toggles.forEach(function (pair) {
    var box = document.getElementById(pair[0]);
    if (!box) { return; }
    box.addEventListener("change", function () { apply(box, pair[1]); });
    apply(box, pair[1]);  // a reload keeps the box ticked: keep the page in step with it
  });

  var groups = Array.prototype.slice.call(document.querySelectorAll("article.group"));
  var select = document.getElementById("jump");

  var lastIndex = -1;  // the group the controls last jumped to

  function go(id) {
    var target = document.getElementById(id);
    if (!target) { return; }
    var heading = target.querySelector("h2") || target;
    lastIndex = groups.indexOf(target);
    if (history.replaceState) { history.replaceState(null, "", "#" + id); }
    target.scrollIntoView({block: "start"});
    heading.focus({preventScroll: true});
    if (select) { select.value = id; }
  }

  function current() {
    // The last group whose top has reached the place a jump puts it (below the sticky controls); near the
    // end of the page, where a jump cannot scroll that far, the group jumped to last if it is still in view.
    if (!groups.length) { return -1; }
    var limit = (parseFloat(getComputedStyle(groups[0]).scrollMarginTop) || 0) + 8;
    var index = -1;
    for (var i = 0; i < groups.length; i++) {
      if (groups[i].getBoundingClientRect().top <= limit) { index = i; }
    }
    if (lastIndex > index) {
      var box = groups[lastIndex].getBoundingClientRect();
      if (box.top < window.innerHeight && box.bottom > 0) { index = lastIndex; }
    }
    return index;
  }

  function step(delta) {
    if (!groups.length) { return; }
    var index = current() + delta;
    if (index < 0) { go("summary"); return; }
    index = Math.min(index, groups.length - 1);
    go(groups[index].id);
  }

  if (select) {
    select.addEventListener("change", function () { go(select.value); });
  }
  var prev = document.getElementById("prev-quote");
  var next = document.getElementById("next-quote");
  if (prev) { prev.addEventListener("click", function () { step(-1); }); }
  if (next) { next.addEventListener("click", function () { step(1); }); }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    var tag = event.target && event.target.tagName;
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") { return; }
    if (event.key === "j") { step(1); event.preventDefault(); }
    if (event.key === "k") { step(-1); event.preventDefault(); }
  });
})();
