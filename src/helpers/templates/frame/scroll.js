(function () {
  // Marks each frame whose content is wider than it (is-scrollable) and where it is scrolled to.
  function update(frame) {
    var body = frame.querySelector('.report-scroll-body');
    if (!body) { return; }
    var over = body.scrollWidth > body.clientWidth + 1;
    frame.classList.toggle('is-scrollable', over);
    frame.classList.toggle('at-start', body.scrollLeft <= 1);
    frame.classList.toggle('at-end', body.scrollLeft + body.clientWidth >= body.scrollWidth - 1);
  }
  function all() { document.querySelectorAll('.report-scroll').forEach(update); }
  document.addEventListener('scroll', function (event) {
    var target = event.target;
    if (target.classList && target.classList.contains('report-scroll-body')) { update(target.closest('.report-scroll')); }
  }, true);
  window.addEventListener('resize', all);
  window.addEventListener('load', all);
  if (document.fonts && document.fonts.ready) { document.fonts.ready.then(all); }
  all();
})();
