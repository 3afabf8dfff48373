/**
 * The sign-in page's one script (served as /static/login.js, so the pages' CSP needs no inline script): once an
 * email is typed, it asks POST /api/v1/auth/sso/discover and, when the address's organization signs in through an
 * identity provider, shows "Continue with <provider>" above the password. Without it the password form works as is.
 * Each address is asked once, and only when the field is left or submitted, since the answers count like sign-ins.
 */
export const loginScript = `
(function () {
  var email = document.getElementById('email');
  var box = document.getElementById('sso');
  var start = document.getElementById('sso-start');
  if (!email || !box || !start) return;
  var asked = {};
  function show(answer) {
    if (answer && answer.sso) {
      start.textContent = 'Continue with ' + answer.sso.providerName;
      start.href = answer.sso.startUrl;
      box.hidden = false;
    } else {
      box.hidden = true;
    }
  }
  function ask() {
    var value = email.value.trim().toLowerCase();
    if (value.indexOf('@') < 1) return show(null);
    if (asked[value]) return asked[value].then(show);
    asked[value] = fetch('/api/v1/auth/sso/discover', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: value })
    }).then(function (res) { return res.ok ? res.json() : null; }).catch(function () { return null; });
    asked[value].then(show);
  }
  email.addEventListener('change', ask);
  if (email.value) ask();
})();
`;
