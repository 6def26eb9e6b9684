/*
 * smarttag_ENT.js — BOUCHON DE TEST (site de démonstration sdetcheck).
 *
 * Ce fichier tient la place de la bibliothèque de marquage nationale (AT Internet / Piano
 * « SmartTag ») distribuée aux exploitants d'ENT pour le dispositif national de mesure
 * d'audience (DNMA). Il n'en contient aucune ligne : il expose seulement la même forme
 * d'objet (ATInternet.Tracker.Tag) pour que la page d'accueil s'exécute sans erreur.
 * Aucune donnée n'est envoyée, aucun cookie n'est déposé, aucune requête réseau n'est faite.
 */
(function (global) {
  "use strict";

  function Tag(config) {
    this.config = config || {};
    this.props = {};
    this.pageInfo = {};
    this.visitor = {};
    this.hits = [];              // hits qui auraient été envoyés (inspection manuelle)
    var self = this;
    this.page = {
      set: function (info) { self.pageInfo = info || {}; }
    };
    this.identifiedVisitor = {
      set: function (info) { self.visitor = info || {}; }
    };
  }

  Tag.prototype.setProps = function (props) {
    for (var k in props) {
      if (Object.prototype.hasOwnProperty.call(props, k)) { this.props[k] = props[k]; }
    }
  };

  Tag.prototype.dispatch = function () {
    // Le vrai marqueur enverrait ici un hit au collecteur ; le bouchon le garde en mémoire.
    this.hits.push({ site: this.config.site, page: this.pageInfo, props: this.props });
  };

  global.ATInternet = global.ATInternet || {};
  global.ATInternet.Tracker = global.ATInternet.Tracker || {};
  global.ATInternet.Tracker.Tag = Tag;
})(window);
