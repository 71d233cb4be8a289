import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRef } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { IconButton } from '../../renderer/src/ui/IconButton.tsx';
import { LineIcon } from '../../renderer/src/ui/LineIcon.tsx';

describe('IconButton', () => {
  it('is a button named by its label, with the label as its tooltip unless one is given', () => {
    render(
      <>
        <IconButton label="Close find" onClick={() => {}}>
          <LineIcon d="M4.5 4.5l7 7" />
        </IconButton>
        <IconButton label="Next match" title="Next match (Enter)" className="step">
          ↓
        </IconButton>
      </>,
    );
    const close = screen.getByRole('button', { name: 'Close find' });
    expect(close.getAttribute('title')).toBe('Close find');
    expect(close.getAttribute('type')).toBe('button');
    expect(close.className).toBe('icon-button');
    const next = screen.getByRole('button', { name: 'Next match' });
    expect(next.getAttribute('title')).toBe('Next match (Enter)');
    expect(next.className).toBe('icon-button step');
  });

  it('passes clicks, disabled, aria state and a ref through to the button', async () => {
    const onClick = vi.fn();
    const ref = createRef<HTMLButtonElement>();
    const { rerender } = render(
      <IconButton label="Outline" ref={ref} aria-expanded={false} onClick={onClick}>
        ≡
      </IconButton>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Outline' }));
    expect(onClick).toHaveBeenCalledTimes(1);
    expect(ref.current?.getAttribute('aria-expanded')).toBe('false');
    rerender(
      <IconButton label="Outline" ref={ref} disabled onClick={onClick}>
        ≡
      </IconButton>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Outline' }));
    expect(onClick).toHaveBeenCalledTimes(1);
  });
});
