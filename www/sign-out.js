// The demo portal's sign-out on a device several people share: before the portal forgets who
// is signed in, the widget removes what this browser keeps of them (private notes included),
// so the next person's browser holds none of it. Some of what the person wrote exists only in
// this browser: changes that have not reached the portal yet, and changes the portal refused
// (listed under "Changes not kept" in the widget until the person chooses). Then one question,
// naming how many of each, comes first: stay signed in (to let the widget send them, or to
// review those not kept), or sign out keeping them on this device (they are there again at
// the person's next sign-in here, and the widget shows them to nobody else); online, or with
// only changes not kept, also sign out deleting those not kept. Offline, with changes
// waiting, signing out cannot reach the portal, so staying is the one choice offered.
const form = document.querySelector('form.sign-out');
const widget = document.querySelector('mentoring-widget');

// In the widget's language, as the page set it (`locale`), since the notice is about it.
const WORDS = {
  en: {
    waitingOne:
      '1 change you made in the mentoring widget has not reached the portal yet; it is only in this browser.',
    waitingMany: (n) =>
      `${n} changes you made in the mentoring widget have not reached the portal yet; they are only in this browser.`,
    online:
      'Stay signed in until the widget says all changes are synced, or sign out now: everything else of yours leaves this browser, and those changes stay in it until you next sign in here, when they are sent. They may include private notes: on a device other people use, stay signed in until they are sent.',
    offline: 'Signing out needs the network: connect, let the widget send them, then sign out.',
    notKeptOne:
      '1 change you made in the mentoring widget was not kept by the portal; it is listed under “Changes not kept” and exists only in this browser.',
    notKeptMany: (n) =>
      `${n} changes you made in the mentoring widget were not kept by the portal; they are listed under “Changes not kept” and exist only in this browser.`,
    notKept:
      'Stay signed in to review them, or sign out: kept, they are listed again when you next sign in on this browser, and nobody else signed in here sees them; deleted, they are gone for good.',
    notKeptToo:
      'The changes not kept stay in this browser with them, unless you delete them; nobody else signed in here sees them.',
    stay: 'Stay signed in',
    keepOnly: 'Sign out, keeping only those changes here',
    keepNotKept: 'Sign out, keeping them on this device',
    keepBoth: 'Sign out, keeping these changes on this device',
    deleteOne: 'Sign out, deleting the change not kept',
    deleteMany: (n) => `Sign out, deleting the ${n} changes not kept`,
    failed: (reason) =>
      `The mentoring data kept in this browser could not be removed (${reason}). Sign out anyway, or stay signed in and try again.`,
    anyway: 'Sign out anyway',
  },
  ar: {
    waitingOne: 'تغيير واحد أجريته في أداة الإرشاد لم يصل إلى البوابة بعد؛ وهو موجود في هذا المتصفح فقط.',
    waitingMany: (n) =>
      `تغييرات أجريتها في أداة الإرشاد لم تصل إلى البوابة بعد (عددها ${n})؛ وهي موجودة في هذا المتصفح فقط.`,
    online:
      'يُرجى إبقاء تسجيل الدخول حتى تُظهر الأداة أن كل التغييرات تمت مزامنتها، أو تسجيل الخروج الآن: تُحذف بقية بياناتك من هذا المتصفح، وتبقى هذه التغييرات فيه حتى تسجيل الدخول هنا مرة أخرى فتُرسَل. وقد تتضمن ملاحظات خاصة: على جهاز يستخدمه غيرك، يُرجى إبقاء تسجيل الدخول حتى تُرسَل.',
    offline: 'تسجيل الخروج يحتاج إلى الشبكة: يُرجى الاتصال بها، وترك الأداة ترسل التغييرات، ثم تسجيل الخروج.',
    notKeptOne:
      'تغيير واحد أجريته في أداة الإرشاد لم تعتمده البوابة؛ وهو مدرج في «تغييرات لم تُعتمد» وموجود في هذا المتصفح فقط.',
    notKeptMany: (n) =>
      `تغييرات أجريتها في أداة الإرشاد لم تعتمدها البوابة (عددها ${n})؛ وهي مدرجة في «تغييرات لم تُعتمد» وموجودة في هذا المتصفح فقط.`,
    notKept:
      'يمكن إبقاء تسجيل الدخول لمراجعتها، أو تسجيل الخروج: إن أُبقيت، تُدرج مرة أخرى عند تسجيل الدخول في هذا المتصفح لاحقًا، ولا يراها أي شخص آخر يسجّل الدخول هنا؛ وإن حُذفت، فلا سبيل إلى استعادتها.',
    notKeptToo:
      'وتبقى التغييرات التي لم تُعتمد في هذا المتصفح معها ما لم تُحذف، ولا يراها أي شخص آخر يسجّل الدخول هنا.',
    stay: 'إبقاء تسجيل الدخول',
    keepOnly: 'تسجيل الخروج مع إبقاء هذه التغييرات فقط',
    keepNotKept: 'تسجيل الخروج مع إبقائها على هذا الجهاز',
    keepBoth: 'تسجيل الخروج مع إبقاء هذه التغييرات على هذا الجهاز',
    deleteOne: 'تسجيل الخروج مع حذف التغيير الذي لم يُعتمد',
    deleteMany: (n) => `تسجيل الخروج مع حذف التغييرات التي لم تُعتمد (عددها ${n})`,
    failed: (reason) =>
      `تعذّر حذف بيانات الإرشاد المحفوظة في هذا المتصفح (${reason}). يمكن تسجيل الخروج على أي حال، أو إبقاء تسجيل الدخول والمحاولة مرة أخرى.`,
    anyway: 'تسجيل الخروج على أي حال',
  },
};
const arabic = /^ar(?:[-_]|$)/i.test(widget?.getAttribute('locale') ?? '');
const words = arabic ? WORDS.ar : WORDS.en;

function ask(message, choices) {
  document.querySelector('.sign-out-notice')?.remove();
  const notice = document.createElement('div');
  notice.className = 'sign-out-notice';
  notice.setAttribute('role', 'alert');
  if (arabic) {
    notice.lang = 'ar';
    notice.dir = 'rtl';
  }
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
  // The person chose what stays, and is signed out, unless a change of theirs began to wait
  // meanwhile: then nothing was removed, and they are asked again.
  const forgetThen = (options) => async () => {
    let outcome = null;
    try {
      outcome = await widget.forget(options);
    } catch (error) {
      console.warn('The mentoring data kept in this browser could not be removed:', error);
    }
    if (outcome && !outcome.forgotten) askAbout(outcome);
    else signOut();
  };
  // Staying with changes not kept opens them in the widget, to review there.
  const stay = (refused) => () => {
    if (!(refused > 0 && widget.reviewNotKept?.())) form.querySelector('button')?.focus();
  };

  /** The one question, for what of the person exists only in this browser. */
  function askAbout({ unsent, refused }) {
    const said = [];
    if (unsent > 0) said.push(unsent === 1 ? words.waitingOne : words.waitingMany(unsent));
    if (refused > 0) said.push(refused === 1 ? words.notKeptOne : words.notKeptMany(refused));
    const deleting = refused === 1 ? words.deleteOne : words.deleteMany(refused);
    if (unsent > 0 && !navigator.onLine) {
      ask([...said, words.offline].join(' '), [[words.stay, stay(refused)]]);
    } else if (unsent > 0 && refused > 0) {
      ask([...said, words.online, words.notKeptToo].join(' '), [
        [words.stay, stay(refused)],
        [words.keepBoth, forgetThen({ keepUnsent: true })],
        [deleting, forgetThen({ keepUnsent: true, discardRefused: true })],
      ]);
    } else if (unsent > 0) {
      ask([...said, words.online].join(' '), [
        [words.stay, stay(refused)],
        [words.keepOnly, forgetThen({ keepUnsent: true })],
      ]);
    } else {
      ask([...said, words.notKept].join(' '), [
        [words.stay, stay(refused)],
        [words.keepNotKept, forgetThen({})],
        [deleting, forgetThen({ discardRefused: true })],
      ]);
    }
  }

  form.addEventListener('submit', async (event) => {
    // Without the widget's module (it failed to load), there is nothing of it to remove.
    if (leaveOnDevice || typeof widget.forget !== 'function') return;
    event.preventDefault();
    let outcome;
    try {
      // Asked before anything is removed; a plain `forget()` keeps the changes not kept
      // anyway, and removes nothing while changes wait, should either come meanwhile.
      const here = await widget.onlyHere();
      outcome = here.unsent > 0 || here.refused > 0 ? { forgotten: false, ...here } : await widget.forget();
    } catch (error) {
      ask(words.failed(error?.message ?? error), [
        [words.stay, stay(0)],
        [words.anyway, signOut],
      ]);
      return;
    }
    if (outcome.forgotten) signOut();
    else askAbout(outcome);
  });
}
