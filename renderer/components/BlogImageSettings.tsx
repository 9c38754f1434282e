import { useEffect, useState } from 'react';
import { blogImagesOf, type BlogImages, type BlogView } from '../../electron/common/model/blog';
import { useI18n } from '../i18n/i18n';

export interface BlogImageSettingsProps {
  blog: BlogView;
  onChange: (images: BlogImages) => void;
}

const MIN_EDGE = 320;
const MAX_EDGE = 12_000;

/**
 * What happens to photos on their way to this blog: shrink to a longest edge, remove location data. Rows of the
 * blog's settings grid; the longest edge is taken when the field is left with a valid number.
 */
export function BlogImageSettings({ blog, onChange }: BlogImageSettingsProps) {
  const { t } = useI18n();
  const images = blogImagesOf(blog);
  const [edge, setEdge] = useState(String(images.longestEdge));
  const [edgeError, setEdgeError] = useState(false);
  useEffect(() => setEdge(String(images.longestEdge)), [images.longestEdge]);

  const commitEdge = () => {
    const value = Number(edge.trim());
    if (!Number.isInteger(value) || value < MIN_EDGE || value > MAX_EDGE) return setEdgeError(true);
    setEdgeError(false);
    if (value !== images.longestEdge) onChange({ ...images, longestEdge: value });
  };

  return (
    <>
      <span>{t('blogs.images')}</span>
      <div className="blog-images">
        <label>
          <input type="checkbox" checked={images.shrink} onChange={(e) => onChange({ ...images, shrink: e.target.checked })} /> {t('blogs.imagesShrink')}
        </label>
        <label>
          <input type="checkbox" checked={images.stripLocation} onChange={(e) => onChange({ ...images, stripLocation: e.target.checked })} /> {t('blogs.imagesStripLocation')}
        </label>
        <p className="muted">{t('blogs.imagesHint')}</p>
      </div>
      <label htmlFor={`blog-edge-${blog.id}`}>{t('blogs.imagesLongestEdge')}</label>
      <div>
        <input
          id={`blog-edge-${blog.id}`}
          type="number"
          inputMode="numeric"
          min={MIN_EDGE}
          max={MAX_EDGE}
          step={1}
          value={edge}
          disabled={!images.shrink}
          aria-invalid={edgeError}
          onChange={(e) => setEdge(e.target.value)}
          onBlur={commitEdge}
          onKeyDown={(e) => e.key === 'Enter' && commitEdge()}
        />
        {edgeError && (
          <p className="field-error" role="status">
            {t('blogs.imagesEdgeInvalid')}
          </p>
        )}
      </div>
    </>
  );
}
