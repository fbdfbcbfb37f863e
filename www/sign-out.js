// The demo portal's sign-out on a device several people share: before the portal forgets who
// is signed in, the widget removes what this browser keeps of them (private notes included),
// so the next person's browser holds none of it. Changes that have not reached the portal yet
// exist nowhere else: then the person chooses to stay signed in while the widget sends them,
// or to sign out keeping only those on this device, sent at their next sign-in here.
const form = document.querySelector('form.sign-out');
const widget = document.querySelector('mentoring-widget');

function ask(message, choices) {
  document.querySelector('.sign-out-notice')?.remove();
  const notice = document.createElement('div');
  notice.className = 'sign-out-notice';
  notice.setAttribute('role', 'alert');
  const text = document.createElement('p');
  text.textContent = message;
  notice.append(text);
  for (const [label, act] of choices) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = label;
    button.addEventListener('click', () => {
      notice.remove();
      act();
    });
    notice.append(button);
  }
  form.after(notice);
  notice.querySelector('button')?.focus();
}

if (form && widget) {
  let leaveOnDevice = false;
  const signOut = () => {
    leaveOnDevice = true;
    form.requestSubmit();
  };
  const keepOnlyUnsent = async () => {
    try {
      await widget.forget({ keepUnsent: true });
    } catch (error) {
      console.warn('The mentoring data kept in this browser could not be removed:', error);
    }
    signOut();
  };
  const stay = () => form.querySelector('button')?.focus();
  form.addEventListener('submit', async (event) => {
    // Without the widget's module (it failed to load), there is nothing of it to remove.
    if (leaveOnDevice || typeof widget.forget !== 'function') return;
    event.preventDefault();
    let outcome;
    try {
      outcome = await widget.forget();
    } catch (error) {
      ask(
        `The mentoring data kept in this browser could not be removed (${error?.message ?? error}). ` +
          'Sign out anyway, or stay signed in and try again.',
        [
          ['Stay signed in', stay],
          ['Sign out anyway', signOut],
        ],
      );
      return;
    }
    if (outcome.forgotten) {
      signOut();
      return;
    }
    const waiting =
      outcome.unsent === 1
        ? '1 change you made in the mentoring widget has not reached the portal yet; it is only in this browser.'
        : `${outcome.unsent} changes you made in the mentoring widget have not reached the portal yet; they are only in this browser.`;
    ask(
      `${waiting} Stay signed in until the widget says all changes are synced, or sign out ` +
        'now: everything else of yours leaves this browser, and those changes stay in it until ' +
        'you next sign in here, when they are sent.',
      [
        ['Stay signed in', stay],
        ['Sign out, keeping only those changes here', keepOnlyUnsent],
      ],
    );
  });
}
