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

/** What {@link forget} did. */
export interface Forgotten {
  /** Whether the person's data is gone from this device (all but unsent and refused changes with `keepUnsent`). */
  forgotten: boolean;
  /** How many records have changes still waiting for the host; without `keepUnsent`, above 0 means nothing was removed. */
  unsent: number;
}

/** Options for {@link forget}. */
export interface ForgetOptions {
  /** Remove everything but the changes still waiting for the host (sent at the next sign-in) and those it refused (listed again as not kept). */
  keepUnsent?: boolean;
}

/**
 * Removes what this device keeps of `person` (the adapter's id for them), for a sign-out on a
 * shared device, after taking down the widgets showing their data (in other tabs too). Removes
 * nothing while changes of theirs wait for the host, unless `keepUnsent`: ask them to stay
 * signed in until the widget has synced, or keep only those changes for their next visit.
 */
export function forget(person: string, options?: ForgetOptions): Promise<Forgotten>;

/** The `<mentoring-widget>` element. */
export interface MentoringWidgetElement extends HTMLElement {
  /** {@link forget} for the person the element's `person` attribute names. */
  forget(options?: ForgetOptions): Promise<Forgotten>;
}

declare global {
  interface HTMLElementTagNameMap {
    'mentoring-widget': MentoringWidgetElement;
  }
}
