import type { ThirdPartyChoice, ThirdPartyEntry } from '../../electron/common/markdown/third-party';
import { useI18n, type Translate } from '../i18n/i18n';

export interface ThirdPartyCheckProps {
  /** The items of the saved post for the chosen blog; null while they are being read. */
  entries: ThirdPartyEntry[] | null;
  disabled: boolean;
  /** Remembers a choice in the post; false when its front matter cannot take it. */
  onChoose: (key: string, choice: ThirdPartyChoice) => void;
  /** Shown when the last choice could not be saved. */
  error: string | null;
}

function kindLabel(t: Translate, entry: ThirdPartyEntry): string {
  if (entry.kind === 'video' && entry.provider !== null) return t(`privacy.kind.video.${entry.provider}`);
  if (entry.kind === 'video') return t('privacy.kind.frame');
  return t(`privacy.kind.${entry.kind}`);
}

/**
 * The Datenschutz check of the publish dialog: everything the published post would make its readers' browsers
 * load from others (remote images, embeds, web fonts, scripts), with a choice per item that the post remembers.
 */
export function ThirdPartyCheck(props: ThirdPartyCheckProps) {
  const { t } = useI18n();
  const { entries } = props;
  return (
    <section className="third-party" aria-labelledby="third-party-title" data-testid="third-party">
      <h3 id="third-party-title">{t('privacy.title')}</h3>
      {entries === null ? (
        <p className="muted">{t('privacy.checking')}</p>
      ) : entries.length === 0 ? (
        <p className="muted">{t('privacy.none')}</p>
      ) : (
        <>
          <p>{t('privacy.summary', { count: entries.length })}</p>
          <ul className="third-party-list">
            {entries.map((entry) => {
              const where = entry.host || t('privacy.inlineScript');
              return (
                <li key={entry.key} data-kind={entry.kind}>
                  <div className="third-party-what">
                    <span className="third-party-kind">{kindLabel(t, entry)}</span>
                    <span className="third-party-host">{where}</span>
                    {entry.count > 1 && <span className="muted"> · {t('privacy.times', { count: entry.count })}</span>}
                    {entry.host !== '' && (
                      <span className="third-party-address muted" title={entry.key}>
                        {entry.key}
                      </span>
                    )}
                  </div>
                  <select
                    aria-label={t('privacy.choiceFor', { host: where })}
                    value={entry.choice}
                    disabled={props.disabled}
                    onChange={(e) => props.onChoose(entry.key, e.target.value as ThirdPartyChoice)}
                  >
                    {entry.canPrivate && <option value="private">{t('privacy.private')}</option>}
                    <option value="keep">{t('privacy.keep')}</option>
                    <option value="remove">{t('privacy.remove')}</option>
                  </select>
                </li>
              );
            })}
          </ul>
        </>
      )}
      {props.error !== null && <p className="field-error">{props.error}</p>}
    </section>
  );
}
