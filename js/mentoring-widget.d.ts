/** Options for {@link mount}. */
export interface MountOptions {
  /** Base URL of the host adapter (JSON v1), e.g. "/api/mentoring". Default "/api/mentoring". */
  endpoint?: string;
  /** BCP 47 locale, e.g. "en-GB" or "ar". Default: the page's `lang`, else "en-GB". */
  locale?: string;
  /**
   * Id of the person the page is for, as the adapter's session names them. Offline, the widget
   * opens the data of the person it remembers only when this matches (a shared device never
   * shows one person's data to the next); empty for a page rendered for nobody signed in.
   * Default: not checked.
   */
  person?: string;
  /**
   * The screen to open on, as the widget names the one it shows in its box's `data-screen`
   * (the element carries it over a change of `locale`). Default: My goals.
   */
  screen?: string;
}

/** What {@link mount} returns. */
export interface WidgetHandle {
  /** Resolves when the widget is interactive (the element also dispatches `ready`). */
  readonly ready: Promise<void>;
  /** Removes the widget and releases everything it holds. Safe to call twice. */
  unmount(): void;
}

/** Mounts the widget into `element`'s (open) shadow root. */
export function mount(element: HTMLElement, options?: MountOptions): WidgetHandle;

/** What of a person exists only on this device ({@link onlyHere}). */
export interface OnlyHere {
  /** How many records have changes still waiting for the host (as the widget's status line counts them). */
  unsent: number;
  /**
   * How many changes the host refused are kept, as the widget's "Changes not kept" lists them
   * (counted from storage when no widget of this page works for the person).
   */
  refused: number;
}

/** What {@link forget} did. */
export interface Forgotten extends OnlyHere {
  /**
   * Whether the person's data is gone from this device: all but the changes the host refused
   * (unless `discardRefused`), and with `keepUnsent` all but those still waiting too.
   */
  forgotten: boolean;
  /** Without `keepUnsent`, above 0 means nothing was removed. `refused`: how many stay (or, with nothing removed, are kept). */
  unsent: number;
}

/** Options for {@link forget}. */
export interface ForgetOptions {
  /** Remove everything but the changes still waiting for the host (sent at the next sign-in). */
  keepUnsent?: boolean;
  /**
   * Remove the changes the host refused too. Without it they stay on this device, listed
   * again as not kept at the person's next sign-in here (the widget shows each person only
   * their own data): ask the person first ({@link onlyHere}).
   */
  discardRefused?: boolean;
}

/**
 * Removes what this device keeps of `person` (the adapter's id for them), for a sign-out on a
 * shared device, after taking down the widgets showing their data (in other tabs too). Removes
 * nothing while changes of theirs wait for the host, unless `keepUnsent`: ask them to stay
 * signed in until the widget has synced, or keep only those changes for their next visit.
 * The changes the host refused stay unless `discardRefused`.
 */
export function forget(person: string, options?: ForgetOptions): Promise<Forgotten>;

/**
 * What of `person` exists only on this device: changes waiting for the host and changes it
 * refused, for a sign-out to ask about before {@link forget}. Removes nothing.
 */
export function onlyHere(person: string): Promise<OnlyHere>;

/** The `<mentoring-widget>` element. */
export interface MentoringWidgetElement extends HTMLElement {
  /** {@link forget} for the person the element's `person` attribute names. */
  forget(options?: ForgetOptions): Promise<Forgotten>;
  /** {@link onlyHere} for the person the element's `person` attribute names. */
  onlyHere(): Promise<OnlyHere>;
  /**
   * Opens the widget's "Changes not kept" (on My goals) and moves focus there, for a person
   * who stays signed in to review them; false when it lists none.
   */
  reviewNotKept(): boolean;
}

declare global {
  interface HTMLElementTagNameMap {
    'mentoring-widget': MentoringWidgetElement;
  }
}
