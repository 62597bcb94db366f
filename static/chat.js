// Progressive enhancement for the chat widget: without JavaScript the form posts to /chat.
(function () {
  var form = document.getElementById('chat-widget-form');
  if (!form || !window.fetch) return;
  var out = document.getElementById('chat-widget-reply');
  var session = '';
  // Japanese words (and the spaces between them) inside an English reply, as the server's
  // mark_japanese finds them, so each carries lang="ja".
  var jp = '\u3000-\u303f\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef';
  var word = '[^\\s(),;:"\\[\\]]*[' + jp + '][^\\s(),;:"\\[\\]]*';
  var japanese = new RegExp(word + '(?:\\s+' + word + ')*', 'g');
  var appendMarked = function (parent, text) {
    var last = 0;
    text.replace(japanese, function (run, at) {
      if (at > last) parent.appendChild(document.createTextNode(text.slice(last, at)));
      var span = document.createElement('span');
      span.lang = 'ja';
      span.textContent = run;
      parent.appendChild(span);
      last = at + run.length;
      return run;
    });
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  };
  // Status lines in the page's language (from the message catalogs); replies carry their own.
  var say = function (key) { out.removeAttribute('lang'); out.textContent = form.dataset[key] || ''; };
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var input = form.querySelector('[name=message]');
    var message = input.value.trim();
    if (!message) { say('empty'); return; }
    say('waiting');
    var body = { message: message, lang: form.dataset.lang || 'ja' };
    if (session) body.session_id = session;
    fetch('/api/v1/chat', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Shien-Channel': 'web' },
      body: JSON.stringify(body)
    }).then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
      .then(function (res) {
        if (!res.ok) { if (res.body.message) { out.lang = 'ja'; out.textContent = res.body.message; } else say('error'); return; }
        session = res.body.session_id;
        out.textContent = '';
        if (res.body.lang === 'en') { out.lang = 'en'; appendMarked(out, res.body.reply); }
        else { out.lang = 'ja'; out.textContent = res.body.reply; }
        if (res.body.citations && res.body.citations.length) {
          var list = document.createElement('ul');
          res.body.citations.forEach(function (c) {
            var li = document.createElement('li');
            var a = document.createElement('a');
            a.href = '/schemes/' + encodeURIComponent(c.id);
            // The official (Japanese) name; the scheme's page shows it in the page's language.
            a.lang = 'ja';
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
