import { useId, useState } from 'react';
import { Modal } from '../ui/Modal.tsx';

/**
 * Asked once, before the first round: the name the team sees beside this person's coding. It is
 * kept in preferences (Preferences › Coder), where it can be changed.
 */
export function CoderNameDialog({
  onSave,
  onClose,
}: {
  onSave: (name: string) => void;
  onClose: () => void;
}) {
  const id = useId();
  const [name, setName] = useState('');
  return (
    <Modal
      title="Your Name as Coder"
      className="round-dialog"
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="primary"
            disabled={!name.trim()}
            onClick={() => onSave(name.trim())}
          >
            Continue
          </button>
        </>
      }
    >
      <p className="export-hint">
        The lead sees this name beside your coding, and every highlight you make records it. You can
        change it later in Preferences.
      </p>
      <label className="round-field" htmlFor={id}>
        Name
      </label>
      <input
        id={id}
        value={name}
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && name.trim()) onSave(name.trim());
        }}
      />
    </Modal>
  );
}
