/** A value to paste into the provider, read-only, with a copy button that says when it copied. */
import { useId, useRef, useState } from 'react';
import { Button } from 'react-aria-components';

export function CopyField({ label, value, secret = false, testId }: { label: string; value: string; secret?: boolean; testId?: string }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'idle' | 'copied' | 'select'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('copied');
    } catch {
      // No clipboard permission: select the text so Ctrl+C / ⌘C copies it.
      input.current?.select();
      setCopied('select');
    }
  };
  return (
    <div className={`copy-field${secret ? ' copy-field--secret' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <div className="copy-field__row">
        <input id={id} ref={input} readOnly value={value} spellCheck={false} data-testid={testId} onFocus={(e) => e.currentTarget.select()} />
        <Button className="button button--secondary" onPress={copy} aria-label={`Copy ${label}`}>
          Copy
        </Button>
      </div>
      <p className="copy-field__status" role="status" aria-live="polite">
        {copied === 'copied' ? `${label} copied to the clipboard.` : copied === 'select' ? 'Selected: press Ctrl+C (⌘C on a Mac) to copy.' : ''}
      </p>
    </div>
  );
}
