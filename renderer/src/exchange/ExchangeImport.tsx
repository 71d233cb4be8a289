import { ExchangeImportDialog } from './ExchangeImportDialog.tsx';
import { useExchangeImport } from './use-exchange-import.ts';

/** The exchange import, mounted once: nothing until asked, then its dialog. */
export function ExchangeImport() {
  const exchange = useExchangeImport();
  if (!exchange.preview) return null;
  return (
    <ExchangeImportDialog
      preview={exchange.preview}
      busy={exchange.busy}
      documentFor={exchange.documentFor}
      onChoose={(uri, id) => void exchange.choose(uri, id)}
      onApply={() => void exchange.apply()}
      onClose={exchange.close}
    />
  );
}
