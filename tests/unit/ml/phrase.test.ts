// The model runtime's failures reach the shopper (the popup's why for products not understood, the
// "Find similar" page): made as phrases where there is no i18n API, said in the shopper's language
// by the background.
import { describe, expect, it } from 'vitest';
import { causeOf, PhraseError, say, type Phrase } from '../../../src/shared/phrase.ts';
import { useLocale } from '../locale.ts';

describe('phrases', () => {
  it('say a phrase with a phrase inside in one language', () => {
    const p: Phrase = { key: 'errWebgpuChosenNone', subs: [{ key: 'whyNoAdapter' }] };
    useLocale('en');
    expect(say(p)).toBe('WebGPU is chosen in the settings, but it cannot run here (WebGPU is present but offers no adapter (no usable graphics card, or WebGPU is turned off), so WebAssembly); choose “Automatic” in the settings (Advanced) to use WebAssembly');
    useLocale('de');
    expect(say(p)).toMatch(/^in den Einstellungen ist WebGPU gewählt, aber es läuft hier nicht \(.+\); wähle .*„Automatisch“/);
    expect(say(p)).not.toContain('offers no adapter');
  });

  it("keep our own phrase as the cause, and a library's words as they are", () => {
    const ours = new PhraseError({ key: 'errNoCanvas' });
    expect(causeOf(ours)).toEqual({ key: 'errNoCanvas' });
    expect(causeOf(new Error('Could not locate file: "onnx/vision_model.onnx"'))).toBe('Could not locate file: "onnx/vision_model.onnx"');
    useLocale('en');
    expect(say({ key: 'errModelLoad', subs: [causeOf(ours)] })).toMatch(/^Carryover could not load its image model \(this browser gave Carryover no 2D canvas .*\); reload the extension/);
  });

  it('give a console the key and its substitutions, where no language is at hand', () => {
    expect(new PhraseError({ key: 'errPhotoStatus', subs: ['https://img.example/1.jpg', '404'] }).message).toBe('errPhotoStatus: ["https://img.example/1.jpg","404"]');
  });
});
