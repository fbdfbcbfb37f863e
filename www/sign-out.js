// The demo portal's sign-out on a device several people share: before the portal forgets who
// is signed in, the widget removes what this browser keeps of them (private notes included),
// so the next person's browser holds none of it. Changes that have not reached the portal yet
// exist nowhere else: then the person chooses to stay signed in while the widget sends them,
// or, online, to sign out keeping only those on this device, sent at their next sign-in here.
// Offline, signing out cannot reach the portal, so staying is the one choice offered.
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
    stay: 'Stay signed in',
    keepOnly: 'Sign out, keeping only those changes here',
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
    stay: 'إبقاء تسجيل الدخول',
    keepOnly: 'تسجيل الخروج مع إبقاء هذه التغييرات فقط',
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
      ask(words.failed(error?.message ?? error), [
        [words.stay, stay],
        [words.anyway, signOut],
      ]);
      return;
    }
    if (outcome.forgotten) {
      signOut();
      return;
    }
    const waiting = outcome.unsent === 1 ? words.waitingOne : words.waitingMany(outcome.unsent);
    if (!navigator.onLine) {
      ask(`${waiting} ${words.offline}`, [[words.stay, stay]]);
      return;
    }
    ask(`${waiting} ${words.online}`, [
      [words.stay, stay],
      [words.keepOnly, keepOnlyUnsent],
    ]);
  });
}
