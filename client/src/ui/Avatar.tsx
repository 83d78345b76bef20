/** A round initial in the person's colour. The name is given to assistive tech by the caller's text or `label`. */
export function Avatar({ name, color, label, size = 'md' }: { name: string; color: string; label?: string; size?: 'sm' | 'md' }) {
  const initial = Array.from(name.trim())[0]?.toUpperCase() ?? '?';
  return (
    <span
      className={`avatar avatar--${size}`}
      style={{ backgroundColor: color }}
      role={label ? 'img' : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
      title={label ?? name}
    >
      {initial}
    </span>
  );
}
