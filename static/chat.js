// Progressive enhancement for the chat widget: without JavaScript the form posts to /chat.
(function () {
  var form = document.getElementById('chat-widget-form');
  if (!form || !window.fetch) return;
  var out = document.getElementById('chat-widget-reply');
  var session = '';
  // Status lines in the page's language (from the message catalogs); replies carry their own.
  var say = function (key) { out.removeAttribute('lang'); out.textContent = form.dataset[key] || ''; };
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var input = form.querySelector('[name=message]');
    var message = input.value.trim();
    if (!message) { say('empty'); return; }
    say('waiting');
    fetch('/api/v1/chat', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Shien-Channel': 'web' },
      body: JSON.stringify(session ? { session_id: session, message: message } : { message: message })
    }).then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
      .then(function (res) {
        if (!res.ok) { if (res.body.message) { out.lang = 'ja'; out.textContent = res.body.message; } else say('error'); return; }
        session = res.body.session_id;
        if (out.dataset.replyLang) out.lang = out.dataset.replyLang;
        out.textContent = res.body.reply;
        if (res.body.citations && res.body.citations.length) {
          var list = document.createElement('ul');
          res.body.citations.forEach(function (c) {
            var li = document.createElement('li');
            var a = document.createElement('a');
            a.href = '/schemes/' + encodeURIComponent(c.id);
            a.textContent = c.title;
            li.appendChild(a);
            list.appendChild(li);
          });
          out.appendChild(list);
        }
        input.value = '';
      })
      .catch(function () { form.submit(); });
  });
})();
