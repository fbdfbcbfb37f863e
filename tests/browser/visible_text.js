// What a person can read or hear in a (shadow) root: every text node outside <style> and
// <script>, and the attributes browsers show or screen readers announce.
const SPOKEN = ['aria-label', 'aria-valuetext', 'aria-description', 'placeholder', 'title', 'alt'];

export function visibleTexts(root) {
  const out = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === Node.TEXT_NODE) {
      const parent = node.parentElement?.tagName;
      if (parent !== 'STYLE' && parent !== 'SCRIPT' && node.data.trim()) out.push(node.data);
      continue;
    }
    for (const name of SPOKEN) {
      const value = node.getAttribute(name);
      if (value?.trim()) out.push(value);
    }
    if (node.matches('input[type=button], input[type=submit], input[type=reset]') && node.value) {
      out.push(node.value);
    }
  }
  return out;
}

// The transform of an element's ::before box, e.g. "matrix(0.7, 0.7, -0.7, 0.7, 0, 0)".
export function beforeTransform(element) {
  return getComputedStyle(element, '::before').transform;
}
