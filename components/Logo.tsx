/** The SourceLens mark (a lens over brackets), the same drawing as public/icon/*.png. Decorative. */
export function Logo({ size = 24 }: { size?: number }) {
  return (
    <svg class="sl-logo" width={size} height={size} viewBox="0 0 128 128" aria-hidden="true" focusable="false">
      <rect width="128" height="128" rx="28" fill="#1e3a8a" />
      <path d="M22 28h24v11H34v50h12v11H22z" fill="#ffffff" />
      <path d="M106 28H82v11h12v50H82v11h24z" fill="#ffffff" />
      <circle cx="60" cy="58" r="22" fill="#ffffff" fill-opacity="0.22" stroke="#5eead4" stroke-width="10" />
      <path d="M77 75l22 22" stroke="#5eead4" stroke-width="14" stroke-linecap="round" />
    </svg>
  );
}
