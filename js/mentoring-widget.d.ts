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
  /** Whether the person's data is gone from this device. */
  forgotten: boolean;
  /** Their changes still waiting for the host; when above 0, nothing was removed. */
  unsent: number;
}

/**
 * Removes what this device keeps of `person` (the adapter's id for them), for a sign-out on a
 * shared device. Removes nothing while changes of theirs wait for the host: ask them to stay
 * signed in until the widget has synced, or leave the data here for their next visit.
 */
export function forget(person: string): Promise<Forgotten>;

/** The `<mentoring-widget>` element. */
export interface MentoringWidgetElement extends HTMLElement {
  /** {@link forget} for the person the element's `person` attribute names. */
  forget(): Promise<Forgotten>;
}

declare global {
  interface HTMLElementTagNameMap {
    'mentoring-widget': MentoringWidgetElement;
  }
}
