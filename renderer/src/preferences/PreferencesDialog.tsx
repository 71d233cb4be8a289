import { useEffect, useRef, useState } from 'react';
import { COLOR_LABELS, HIGHLIGHT_COLORS, type HighlightColor } from '../../../shared/colors.ts';
import {
  CODER_NAME_MAX,
  COLOR_NAME_MAX,
  FONT_SIZE,
  LINE_WIDTH,
  READER_FONT_LABELS,
  READER_FONTS,
  type ReaderFont,
  type Settings,
  type SettingsPatch,
  THEMES,
} from '../../../shared/settings/settings.ts';
import { Modal } from '../ui/Modal.tsx';

const THEME_LABELS = { system: 'Match system', light: 'Light', dark: 'Dark' } as const;
/** Typing in a name field saves after this pause (and on closing), not on every keystroke. */
const TEXT_SAVE_MS = 400;

/**
 * Preferences (Ctrl/Cmd+,): every control applies at once; there is nothing to confirm. Names
 * typed in a field are saved after a short pause so each keystroke is not a write.
 */
export function PreferencesDialog({
  settings,
  onChange,
  onClose,
}: {
  settings: Settings;
  onChange: (patch: SettingsPatch) => Promise<void>;
  onClose: () => void;
}) {
  const [colorNames, setColorNames] = useState(settings.colorNames);
  const [coderName, setCoderName] = useState(settings.coder.name);
  const pending = useRef<{ timer: number; patch: SettingsPatch } | null>(null);

  const flush = () => {
    const waiting = pending.current;
    if (!waiting) return;
    window.clearTimeout(waiting.timer);
    pending.current = null;
    void onChange(waiting.patch);
  };
  const saveSoon = (patch: SettingsPatch) => {
    const merged: SettingsPatch = {
      ...pending.current?.patch,
      ...patch,
      colorNames: { ...pending.current?.patch.colorNames, ...patch.colorNames },
    };
    if (pending.current) window.clearTimeout(pending.current.timer);
    pending.current = { patch: merged, timer: window.setTimeout(flush, TEXT_SAVE_MS) };
  };
  // Closing saves what was typed last.
  // biome-ignore lint/correctness/useExhaustiveDependencies: flush reads refs only; run on unmount.
  useEffect(() => () => flush(), []);

  const renameColor = (color: HighlightColor, name: string) => {
    setColorNames((names) => ({ ...names, [color]: name }));
    saveSoon({ colorNames: { [color]: name } });
  };

  return (
    <Modal
      title="Preferences"
      className="preferences-dialog"
      onClose={onClose}
      footer={
        <button type="button" className="primary" onClick={onClose}>
          Done
        </button>
      }
    >
      <fieldset className="pref-group">
        <legend>Theme</legend>
        <div className="pref-segmented">
          {THEMES.map((theme) => (
            <label key={theme} className="pref-segment">
              <input
                type="radio"
                name="pref-theme"
                checked={settings.theme === theme}
                data-autofocus={settings.theme === theme ? true : undefined}
                onChange={() => void onChange({ theme })}
              />
              <span>{THEME_LABELS[theme]}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset className="pref-group">
        <legend>Reading</legend>
        <label className="pref-row">
          <span className="pref-label">Typeface</span>
          <span className="tm-select">
            <select
              value={settings.readerFont}
              onChange={(e) => void onChange({ readerFont: e.target.value as ReaderFont })}
            >
              {READER_FONTS.map((font) => (
                <option key={font} value={font}>
                  {READER_FONT_LABELS[font]}
                </option>
              ))}
            </select>
          </span>
        </label>
        <label className="pref-row">
          <span className="pref-label">Text size</span>
          <input
            type="range"
            min={FONT_SIZE.min}
            max={FONT_SIZE.max}
            value={settings.readerFontSize}
            onChange={(e) => void onChange({ readerFontSize: Number(e.target.value) })}
          />
          <output className="pref-value">{settings.readerFontSize} px</output>
        </label>
        <label className="pref-row">
          <span className="pref-label">Line width</span>
          <input
            type="range"
            min={LINE_WIDTH.min}
            max={LINE_WIDTH.max}
            step={5}
            value={settings.lineWidth}
            onChange={(e) => void onChange({ lineWidth: Number(e.target.value) })}
          />
          <output className="pref-value">{settings.lineWidth} characters</output>
        </label>
      </fieldset>

      <fieldset className="pref-group">
        <legend>What the highlight colours mean</legend>
        <p className="pref-hint">
          Shown in the toolbar, the filters and exports. Leave a name empty to keep the colour's
          own.
        </p>
        <div className="pref-colors">
          {HIGHLIGHT_COLORS.map((color) => (
            <label key={color} className="pref-color">
              <span className={`swatch swatch-${color} small`} aria-hidden="true" />
              <span className="visually-hidden">Name for {COLOR_LABELS[color].toLowerCase()}</span>
              <input
                type="text"
                maxLength={COLOR_NAME_MAX}
                placeholder={COLOR_LABELS[color]}
                value={colorNames[color] ?? ''}
                onChange={(e) => renameColor(color, e.target.value)}
                onBlur={flush}
              />
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset className="pref-group">
        <legend>Coder</legend>
        <label className="pref-row">
          <span className="pref-label">Your name</span>
          <input
            type="text"
            maxLength={CODER_NAME_MAX}
            placeholder="As your team should see it"
            value={coderName}
            onChange={(e) => {
              setCoderName(e.target.value);
              saveSoon({ coderName: e.target.value });
            }}
            onBlur={flush}
          />
        </label>
        <p className="pref-hint">
          Recorded with your coding when a team compares coders. Preferences are kept beside this
          notebook, not in it: exports and backups do not carry them.
        </p>
      </fieldset>
    </Modal>
  );
}
