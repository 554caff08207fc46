// The dashboard's one script. Every page works without it (forms post and redirect); with it, the
// logs page follows new lines live, a running build's page reloads itself, and destroying an app
// stays disabled until its name is typed.
(function () {
  'use strict';

  function followLogs() {
    var log = document.getElementById('log-lines');
    if (!log || !window.EventSource) {
      return;
    }
    var status = document.getElementById('log-status');
    var source = new EventSource(log.getAttribute('data-stream'));
    source.onopen = function () {
      status.textContent = 'Following new lines live.';
    };
    source.onerror = function () {
      status.textContent = 'Connection lost; reconnecting…';
    };
    source.onmessage = function (event) {
      var atEnd = log.scrollTop + log.clientHeight >= log.scrollHeight - 4;
      var line = document.createElement('div');
      line.textContent = event.data;
      log.appendChild(line);
      while (log.childNodes.length > 2000) {
        log.removeChild(log.firstChild);
      }
      if (atEnd) {
        log.scrollTop = log.scrollHeight;
      }
    };
    log.scrollTop = log.scrollHeight;
  }

  function reloadWhilePending() {
    var status = document.getElementById('build-status');
    if (status && status.hasAttribute('data-pending')) {
      window.setTimeout(function () { window.location.reload(); }, 2000);
    }
  }

  function confirmByName() {
    var forms = document.querySelectorAll('form[data-confirm-name]');
    Array.prototype.forEach.call(forms, function (form) {
      var input = form.querySelector('input[name="confirm"]');
      var button = form.querySelector('button[type="submit"]');
      var check = function () {
        button.disabled = input.value !== form.getAttribute('data-confirm-name');
      };
      input.addEventListener('input', check);
      check();
    });
  }

  followLogs();
  reloadWhilePending();
  confirmByName();
})();
