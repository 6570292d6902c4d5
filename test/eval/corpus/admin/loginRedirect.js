'use strict';

const DEFAULT_AFTER_LOGIN = '/dashboard';

/** The page to return to after signing in, from ?next=… on the login page. */
function afterLoginTarget(query) {
  const next = typeof query.next === 'string' ? query.next : '';
  if (!next) return DEFAULT_AFTER_LOGIN;
  if (next.startsWith('/') || next.startsWith('https://')) return next;
  return DEFAULT_AFTER_LOGIN;
}

function loginPage(req, res) {
  const target = afterLoginTarget(req.query);
  res.render('login', { next: target });
}

async function loginSubmit(req, res, signIn) {
  const { username, password } = req.body;
  const user = await signIn(username, password);
  if (!user) {
    res.status(401).render('login', { error: 'Wrong user name or password', next: req.body.next });
    return;
  }
  req.session.regenerate((err) => {
    if (err) {
      res.status(500).send('Could not start a session');
      return;
    }
    req.session.userId = user.id;
    res.redirect(303, afterLoginTarget({ next: req.body.next }));
  });
}

function logout(req, res) {
  req.session.destroy(() => {
    res.clearCookie('connect.sid');
    res.redirect(303, '/login');
  });
}

module.exports = { afterLoginTarget, loginPage, loginSubmit, logout };
