/*
 * Zaakgericht: dropping files on a file field's area (progressive enhancement).
 *
 * An element with data-zg-dropzone that holds an <input type="file"> and a [data-zg-dropzone-tekst]
 * paragraph becomes a drop zone: dropped files are put in the input (through a DataTransfer), and the
 * paragraph, a polite live region, names them. The input itself stays as it is, so keyboard and
 * screen-reader users choose files as always, and without JavaScript nothing changes.
 */
(function () {
  "use strict";

  function setUp(zone) {
    var input = zone.querySelector('input[type="file"]');
    var tekst = zone.querySelector("[data-zg-dropzone-tekst]");
    if (!input || !tekst || typeof DataTransfer === "undefined") {
      return;
    }
    var uitleg = input.multiple
      ? "U kunt de bestanden ook hierheen slepen."
      : "U kunt het bestand ook hierheen slepen.";

    function showChosen() {
      var namen = Array.prototype.map.call(input.files, function (file) {
        return file.name;
      });
      tekst.textContent = namen.length ? "Gekozen: " + namen.join(", ") : uitleg;
    }

    function over(event) {
      event.preventDefault();
      zone.classList.add("zg-dropzone--over");
    }

    function leave() {
      zone.classList.remove("zg-dropzone--over");
    }

    zone.classList.add("zg-dropzone--actief");
    tekst.hidden = false;
    tekst.textContent = uitleg;
    zone.addEventListener("dragenter", over);
    zone.addEventListener("dragover", over);
    zone.addEventListener("dragleave", leave);
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      leave();
      var dropped = event.dataTransfer ? event.dataTransfer.files : null;
      if (!dropped || dropped.length === 0) {
        return;
      }
      var transfer = new DataTransfer();
      var aantal = input.multiple ? dropped.length : 1;
      for (var index = 0; index < aantal; index += 1) {
        transfer.items.add(dropped[index]);
      }
      input.files = transfer.files;
      input.dispatchEvent(new Event("change", { bubbles: true }));
    });
    input.addEventListener("change", showChosen);
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-zg-dropzone]"), setUp);
})();
