import type { AddedBlog } from '../../electron/common/model/blog';
import { useI18n } from '../i18n/i18n';

/** Which interface Kladde uses for a newly added blog, and why (chosen, the host's, the first that works, a fallback). */
export function BlogChoiceNote({ blog }: { blog: AddedBlog }) {
  const { t } = useI18n();
  const api = t(`blogs.kind.${blog.kind}`);
  const { choice } = blog;
  // Ghost is a system of its own, picked above the address (not under „Erweitert“).
  const text =
    blog.kind === 'ghost'
      ? t('blogs.choice.ghost')
      : choice.reason === 'fallback'
      ? t('blogs.choice.fallback', { api, other: choice.insteadOf ? t(`blogs.kind.${choice.insteadOf}`) : '', detail: choice.detail ?? '' })
      : t(`blogs.choice.${choice.reason}`, { api });
  return (
    <p className="muted blog-choice" role="status">
      {text}
    </p>
  );
}
