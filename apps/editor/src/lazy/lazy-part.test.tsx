import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { lazyPart } from './lazy-part';

/** A load function whose answer the test gives when it likes. */
function deferredLoad<P extends object>() {
  let answer!: { resolve(component: (props: P) => React.ReactNode): void; reject(error: Error): void };
  const load = vi.fn(
    () =>
      new Promise<(props: P) => React.ReactNode>((resolve, reject) => {
        answer = { resolve, reject };
      }),
  );
  return { load, answer: () => answer };
}

afterEach(cleanup);

describe('a part loaded on demand', () => {
  it('shows its stand-in while its code is on its way, then the part', async () => {
    const { load, answer } = deferredLoad<{ name: string }>();
    const { Part } = lazyPart(load, <p>Loading…</p>);
    render(<Part name="Ada" />);
    expect(screen.getByText('Loading…')).toBeTruthy();
    await act(async () => answer().resolve(({ name }) => <p>Hello {name}</p>));
    // React shows content that replaces a stand-in after a short throttle.
    expect(await screen.findByText('Hello Ada')).toBeTruthy();
    expect(screen.queryByText('Loading…')).toBeNull();
  });

  it('once fetched ahead of time it renders at once, without its stand-in', async () => {
    const { Part, preload } = lazyPart(async () => () => <p>Ready</p>, <p>Loading…</p>);
    await preload();
    render(<Part />);
    expect(screen.getByText('Ready')).toBeTruthy();
    expect(screen.queryByText('Loading…')).toBeNull();
  });

  it('a failed fetch offers to try again instead of taking the editor down, and trying again fetches anew', async () => {
    const { load, answer } = deferredLoad<object>();
    const { Part } = lazyPart(load);
    const silenced = vi.spyOn(console, 'error').mockImplementation(() => {});
    render(
      <div>
        <p>Canvas</p>
        <Part />
      </div>,
    );
    await act(async () => answer().reject(new Error('Failed to fetch dynamically imported module')));
    expect((await screen.findByRole('alert')).textContent).toContain('could not be loaded');
    expect(screen.getByText('Canvas')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(load).toHaveBeenCalledTimes(2);
    await act(async () => answer().resolve(() => <p>Back</p>));
    expect(await screen.findByText('Back')).toBeTruthy();
    silenced.mockRestore();
  });

  it('an error thrown by the loaded part is not passed off as a failed fetch', async () => {
    const { Part, preload } = lazyPart(async () => () => {
      throw new Error('a bug in the part');
    });
    await preload();
    const silenced = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => render(<Part />)).toThrow('a bug in the part');
    silenced.mockRestore();
  });
});
