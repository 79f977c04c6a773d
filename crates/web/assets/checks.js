// The forms kit's checkbox filter: a long group of checkboxes
// (<fieldset data-filter>) gets a search box that hides the boxes whose
// words do not contain what is typed, and a button that ticks every box
// still shown. Nothing is sent anywhere; without this script every box is
// still there. The words come from the fieldset's data-filter-hint and
// data-filter-all attributes, so the page's language is kept.
(function () {
  'use strict';
  function setUp(fieldset) {
    var boxes = Array.prototype.slice.call(fieldset.querySelectorAll('label.check'));
    var bar = document.createElement('div');
    bar.className = 'check-filter';
    var search = document.createElement('input');
    search.type = 'search';
    search.placeholder = fieldset.getAttribute('data-filter-hint') || '';
    search.setAttribute('aria-label', search.placeholder);
    var all = document.createElement('button');
    all.type = 'button';
    all.className = 'secondary';
    all.textContent = fieldset.getAttribute('data-filter-all') || '';
    bar.appendChild(search);
    bar.appendChild(all);
    var legend = fieldset.querySelector('legend');
    fieldset.insertBefore(bar, legend ? legend.nextSibling : fieldset.firstChild);
    search.addEventListener('input', function () {
      var text = search.value.trim().toLowerCase();
      boxes.forEach(function (label) {
        var shown = text === '' || label.textContent.toLowerCase().indexOf(text) >= 0;
        label.hidden = !shown;
      });
    });
    all.addEventListener('click', function () {
      boxes.forEach(function (label) {
        var box = label.querySelector('input[type=checkbox]');
        if (!label.hidden && box) box.checked = true;
      });
    });
  }
  document.addEventListener('DOMContentLoaded', function () {
    Array.prototype.forEach.call(document.querySelectorAll('fieldset[data-filter]'), setUp);
  });
})();
