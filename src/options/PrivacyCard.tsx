// The privacy text. It must stay true to the code: docs/privacy.md says the same at more length.
export function PrivacyCard() {
  return (
    <section class="card" aria-labelledby="privacy-heading">
      <h2 id="privacy-heading">Privacy, plainly</h2>
      <p>
        Carryover reads a shop only after you click "Learn from" that shop and your browser asks you to allow it. Until then it
        has no access to any website.
      </p>
      <p>
        What it keeps — the products you looked at, put in your cart, saved or bought on those shops, and when — is stored in
        this browser's extension storage on this device. It is not sent anywhere: Carryover has no server.
      </p>
      <p>
        To understand products, Carryover runs an image model inside your browser. It loads each product's photo from the
        image server of the shop you allowed, without your cookies; the model's numbers for it are kept, not the photo.
      </p>
      <p>
        Nothing about you leaves your device. The only requests Carryover makes are those product photos from shops you
        allowed, and — only if you click Download below — the image model's files from the hub you choose.
      </p>
      <p>
        "Stop learning" removes the permission and stops reading that shop at once. "Delete this shop's data" removes what was
        kept from it. Uninstalling Carryover deletes everything.
      </p>
    </section>
  );
}
