// The questionnaire page without reloads, where the browser runs scripts. Everything here is an enhancement: the
// page works the same without it, the server showing new questions when the page is sent.
//
// When a choice changes, the page's answers are sent to the server, which says (as HTML of the page's questions)
// which questions are now relevant: the questionnaire's rules are worked out in one place only, the server's
// answer engine. Questions that became relevant are added where they belong, those that no longer are removed;
// the others are left as they are, so that what is typed and where the focus is stay.
(function () {
  'use strict';

  // An error summary takes the focus, so that screen readers read it first and keyboard users start there.
  var summary = document.querySelector('.error-summary');
  if (summary) {
    summary.focus();
  }

  var form = document.getElementById('answers');
  var url = form && form.getAttribute('data-questions');
  if (!url || !window.fetch || !window.URLSearchParams || !window.FormData) {
    return;
  }
  var list = form.querySelector('.questions');
  var seen = form.querySelector('input[name=_seen]');
  var note = document.getElementById('page-note');
  // Only the latest answer counts: an earlier one arriving late is dropped.
  var asked = 0;

  form.addEventListener('change', function (event) {
    var input = event.target;
    if (!input.matches('input[type=radio], input[type=checkbox], select')) {
      return;
    }
    var mine = ++asked;
    var body = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      body.append(name, value);
    });
    fetch(url, { method: 'POST', body: body, credentials: 'same-origin', headers: { Accept: 'text/html' } })
      .then(function (response) {
        return response.ok ? response.text() : Promise.reject(new Error('HTTP ' + response.status));
      })
      .then(function (html) {
        if (mine === asked) {
          update(html);
        }
      })
      .catch(function () {
        // Nothing to do: the server shows any new questions when the page is sent.
      });
  });

  // The page's top-level blocks: a question, or a section, grid or repeat with the questions in it.
  function blocks(root) {
    return Array.prototype.filter.call(root.children, function (el) {
      return el.hasAttribute('data-block');
    });
  }

  function update(html) {
    var template = document.createElement('template');
    template.innerHTML = html;
    var fresh = template.content.querySelector('.questions');
    if (!fresh) {
      return;
    }
    var wanted = blocks(fresh);
    var ids = wanted.map(function (el) { return el.getAttribute('data-block'); });
    var present = {};
    blocks(list).forEach(function (el) {
      var id = el.getAttribute('data-block');
      var i = ids.indexOf(id);
      // a block is kept when it shows the same questions; one whose questions changed is drawn anew
      if (i < 0 || wanted[i].getAttribute('data-fields') !== el.getAttribute('data-fields')) {
        el.remove();
      } else {
        present[id] = el;
      }
    });
    // The blocks keep the form's order: a new one goes after the one before it in the server's list.
    var previous = null;
    var added = 0;
    wanted.forEach(function (el) {
      var id = el.getAttribute('data-block');
      var kept = present[id];
      if (kept) {
        previous = kept;
        return;
      }
      var node = document.importNode(el, true);
      if (previous) {
        previous.after(node);
      } else {
        list.prepend(node);
      }
      previous = node;
      added++;
    });
    // What is shown now has been seen: left empty and required, it is an error when the page is sent.
    seen.value = Array.prototype.map.call(list.querySelectorAll('[data-question]'), function (el) {
      return el.getAttribute('data-question');
    }).join(' ');
    if (added > 0 && note) {
      // Emptied first, so that the live region announces the note again on a second addition.
      note.textContent = '';
      var p = document.createElement('p');
      p.textContent = note.getAttribute('data-more');
      window.setTimeout(function () { note.appendChild(p); }, 50);
    }
  }
}());
