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

declare global {
  interface HTMLElementTagNameMap {
    'mentoring-widget': HTMLElement;
  }
}
